// Golden cases: plugins/csv/testcases/<case>/{settings.txt, input/, expected_rows.csv,
// expected_rejects.txt}. BROBYG_UPDATE_GOLDEN=1 rewrites the expected files.
#include "TestSupport.h"

#include <testing/GoldenCase.hpp>

#include <gtest/gtest.h>

extern "C" const brobyg_plugin_descriptor* brobyg_plugin_entry(void);

namespace brobyg::csv {
namespace {

namespace fs = std::filesystem;

const fs::path kRoot = fs::path(BROBYG_SOURCE_DIR) / "plugins" / "csv" / "testcases";

std::vector<std::string> caseNames() {
  std::vector<std::string> names;
  for (const auto& c : testing::loadGoldenCases(kRoot)) names.push_back(c.name);
  return names;
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, MatchesExpectedFiles) {
  const fs::path dir = kRoot / GetParam();
  testing::SettingsMap settings = testing::readSettingsFile(dir / "settings.txt");
  settings["directory"] = (dir / "input").string();
  testing::CreateArgs args(testing::withDefaults(kSettings, std::size(kSettings), settings),
                           brobyg::dataset::absenceEvent().abi());
  testing::SourceInstance instance(brobyg_plugin_entry(), args);
  ASSERT_TRUE(instance.created().ok()) << instance.created().error;
  testing::CapturingSink sink;
  const auto result = instance.pull(std::nullopt, sink);
  ASSERT_TRUE(result.ok()) << result.error;

  std::vector<std::string> header;
  for (const auto& input : brobyg::dataset::absenceEvent().inputs()) header.push_back(input.name);
  EXPECT_EQ(testing::checkGolden(dir / "expected_rows.csv", sink.rowsCsv(header)), "");
  EXPECT_EQ(testing::checkGolden(dir / "expected_rejects.txt", sink.rejectsText()), "");
}

INSTANTIATE_TEST_SUITE_P(Cases, Golden, ::testing::ValuesIn(caseNames()),
                         [](const auto& param) { return param.param; });

TEST(GoldenCases, AtLeastTheFiveRequiredCasesExist) {
  const auto names = caseNames();
  for (const char* required :
       {"bad_rows", "danish_vendor", "lesson_level", "no_header", "utf8_bom_comma"})
    EXPECT_NE(std::find(names.begin(), names.end(), required), names.end()) << required;
}

}  // namespace
}  // namespace brobyg::csv
