// Golden cases: plugins/xml/testcases/<case>/{settings.txt, input/, expected_rows.csv,
// expected_rejects.txt}. settings.txt names the dataset (dataset=case_measure), which is not
// a plugin setting. BROBYG_UPDATE_GOLDEN=1 rewrites the expected files.
#include "TestSupport.h"

#include <testing/GoldenCase.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <stdexcept>

namespace brobyg::xml {
namespace {

namespace fs = std::filesystem;

const fs::path kRoot = fs::path(BROBYG_SOURCE_DIR) / "plugins" / "xml" / "testcases";

std::vector<std::string> caseNames() { return testing::goldenCaseNames(kRoot); }

const brobyg_dataset_def* datasetNamed(const std::string& name) {
  if (const brobyg_dataset_def* dataset = testing::datasets::find(name)) return dataset;
  throw std::runtime_error("settings.txt: unknown dataset '" + name + "'");
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, MatchesExpectedFiles) {
  const fs::path dir = kRoot / GetParam();
  testing::SettingsMap settings = testing::readSettingsFile(dir / "settings.txt");
  const brobyg_dataset_def* dataset = datasetNamed(settings["dataset"]);
  settings.erase("dataset");
  settings["directory"] = (dir / "input").string();
  test::Plugin plugin(settings, dataset);
  ASSERT_TRUE(plugin.instance.created().ok()) << plugin.instance.created().error;
  testing::CapturingSink sink;
  const auto result = plugin.instance.pull(std::nullopt, sink);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_FALSE(sink.rows().empty());

  std::vector<std::string> header;
  for (size_t i = 0; i < dataset->field_count; ++i) header.push_back(dataset->fields[i].name);
  EXPECT_EQ(testing::checkGolden(dir / "expected_rows.csv", sink.rowsCsv(header)), "");
  EXPECT_EQ(testing::checkGolden(dir / "expected_rejects.txt", sink.rejectsText()), "");
  // One cursor per input file: every file was read to its end.
  size_t inputs = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir / "input")) ++inputs;
  EXPECT_EQ(sink.cursors().size(), inputs);
}

INSTANTIATE_TEST_SUITE_P(Cases, Golden, ::testing::ValuesIn(caseNames()),
                         [](const auto& param) { return param.param; });

TEST(GoldenCases, CaseDataAndAbsenceAreCovered) {
  std::set<std::string> datasets;
  for (const auto& c : testing::loadGoldenCases(kRoot)) datasets.insert(c.settings.at("dataset"));
  EXPECT_EQ(datasets, (std::set<std::string>{"absence_event", "case_event", "case_measure"}));
}

}  // namespace
}  // namespace brobyg::xml
