// Golden cases: plugins/sql/testcases/<case>/{settings.txt, input.sql, expected_rows.csv,
// expected_rejects.txt}. The test builds an SQLite database from input.sql and reads it into
// case_measure. BROBYG_UPDATE_GOLDEN=1 rewrites the expected files.
#include "SqlTestSupport.h"

#include <testing/GoldenCase.hpp>

#include <gtest/gtest.h>

namespace brobyg::sql::test {
namespace {

namespace fs = std::filesystem;

const fs::path kRoot = fs::path(BROBYG_SOURCE_DIR) / "plugins" / "sql" / "testcases";

std::vector<std::string> caseNames() {
  return testing::goldenCaseNames(kRoot);
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, MatchesExpectedFiles) {
  const fs::path dir = kRoot / GetParam();
  ScratchDir scratch;
  const fs::path database = scratch.path() / "input.db";
  sqliteExec(database, testing::readTextFile(dir / "input.sql"));
  testing::SettingsMap settings = testing::readSettingsFile(dir / "settings.txt");
  settings["connection"] = database.string();
  const brobyg_dataset_def* dataset = testing::datasets::caseMeasure();
  testing::CreateArgs args(testing::withDefaults(kSettings, std::size(kSettings), settings),
                           dataset);
  testing::SourceInstance instance(brobyg_plugin_entry(), args);
  ASSERT_TRUE(instance.created().ok()) << instance.created().error;
  testing::CapturingSink sink;
  const auto result = instance.pull(std::nullopt, sink);
  ASSERT_TRUE(result.ok()) << result.error;

  std::vector<std::string> header;
  for (size_t i = 0; i < dataset->field_count; ++i) header.push_back(dataset->fields[i].name);
  EXPECT_EQ(testing::checkGolden(dir / "expected_rows.csv", sink.rowsCsv(header)), "");
  EXPECT_EQ(testing::checkGolden(dir / "expected_rejects.txt", sink.rejectsText()), "");
}

INSTANTIATE_TEST_SUITE_P(Cases, Golden, ::testing::ValuesIn(caseNames()),
                         [](const auto& param) { return param.param; });

}  // namespace
}  // namespace brobyg::sql::test
