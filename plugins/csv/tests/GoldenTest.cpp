// Golden cases: plugins/csv/testcases/<case>/{settings.txt, input/, expected_rows.csv,
// expected_rejects.txt}. BROBYG_UPDATE_GOLDEN=1 rewrites the expected files.
#include "CsvFile.h"
#include "LineAccount.h"
#include "TestSupport.h"

#include <common/DirectoryScan.h>
#include <testing/CapturingSink.hpp>
#include <testing/GoldenCase.hpp>
#include <testing/StandardDatasets.hpp>

#include <gtest/gtest.h>

extern "C" const brobyg_plugin_descriptor* brobyg_plugin_entry(void);

namespace brobyg::csv {
namespace {

namespace fs = std::filesystem;
using files::FoundFile;
using files::scanDirectory;

const fs::path kRoot = fs::path(BROBYG_SOURCE_DIR) / "plugins" / "csv" / "testcases";

std::vector<std::string> caseNames() {
  return testing::goldenCaseNames(kRoot);
}

// A case named after a dataset (school_outcome_exam) is an export of it; the others of
// absence_event.
const brobyg_dataset_def* datasetOf(const std::string& caseName) {
  for (const brobyg_dataset_def* dataset : testing::datasets::kAll)
    if (caseName.rfind(std::string(dataset->name) + "_", 0) == 0) return dataset;
  return testing::datasets::absenceEvent();
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, MatchesExpectedFiles) {
  const fs::path dir = kRoot / GetParam();
  testing::SettingsMap settings = testing::readSettingsFile(dir / "settings.txt");
  settings["directory"] = (dir / "input").string();
  const brobyg_dataset_def* dataset = datasetOf(GetParam());
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

// The line-accounting invariant on every input file of every case: each physical line is the
// header, a delivered row, a quarantined row or a counted skip, and nothing else.
TEST_P(Golden, EveryPhysicalLineIsAccountedFor) {
  const fs::path dir = kRoot / GetParam();
  testing::SettingsMap values = testing::readSettingsFile(dir / "settings.txt");
  values["directory"] = (dir / "input").string();
  const sdk::Settings settings = test::settingsOf(values);
  const CsvConfig config = CsvConfig::fromSettings(settings);
  const auto files = scanDirectory(config.directory, config.pattern, config.recursive);
  ASSERT_FALSE(files.empty());
  for (const FoundFile& found : files) {
    const std::string bytes = testing::readTextFile(found.path);
    for (size_t bufferSize : {size_t{7}, CsvReader::kDefaultBufferSize}) {
      FieldMapping mapping(settings, sdk::Dataset(datasetOf(GetParam())), config);
      testing::CapturingSink sink;
      test::MemorySource source(bytes, 5);
      const FileRead read = readCsvFile(source, found.relative, config, mapping,
                                        sdk::RowSink(sink.abi()), bufferSize);
      ASSERT_EQ(read.result, FileResult::Finished);
      EXPECT_EQ(read.lines.total(), countPhysicalLines(bytes))
          << found.relative << ": " << read.lines.summary();
      EXPECT_GE(read.lines.delivered, sink.rows().size()) << found.relative;
      EXPECT_GE(read.lines.quarantined, sink.rejects().size()) << found.relative;
      EXPECT_EQ(read.lines.quarantined == 0, sink.rejects().empty()) << found.relative;
    }
  }
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
