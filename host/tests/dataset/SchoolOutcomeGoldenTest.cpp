// school_outcome golden cases through the csv plugin (issue 19), one per instrument:
// plugins/csv/testcases/school_outcome_*/ hold a vendor's export, the plugin's settings and the
// rows the plugin delivers (expected_rows.csv, checked by the csv plugin's own golden test).
// Here those rows go through the host's normaliser and both writers, and the dataset (CSV,
// XML) and the rejected rows must equal the case's school_outcome.csv, school_outcome.xml and
// rejected.txt (BROBYG_UPDATE_GOLDEN=1 rewrites them). The XML validates against the XSD, and
// no reason holds a value of its row.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "../pipeline/GoldenSupport.h"
#include "TempDir.h"
#include "util/AtomicFile.h"

namespace brobyg {
namespace {

namespace fs = std::filesystem;

const fs::path kCases = fs::path(BROBYG_SOURCE_DIR) / "plugins" / "csv" / "testcases";
const std::string kSchema = std::string(BROBYG_SOURCE_DIR) + "/schemas/school_outcome.xsd";

std::vector<std::string> caseNames() {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(kCases)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("school_outcome_", 0) == 0) out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Words of a reason or a row: runs of characters a value can be made of.
std::vector<std::string> tokens(const std::string& text) {
  std::vector<std::string> out(1);
  for (char c : text) {
    const bool part = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' ||
                      c == '/' || c == '_' || c == '+' || static_cast<unsigned char>(c) >= 0x80;
    if (part)
      out.back() += c;
    else if (!out.back().empty())
      out.emplace_back();
  }
  if (out.back().empty()) out.pop_back();
  return out;
}

class SchoolOutcomeGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(SchoolOutcomeGolden, PluginRowsThroughTheNormaliserMatchTheGoldenFiles) {
  const fs::path dir = kCases / GetParam();
  const dataset::DatasetSpec& spec = dataset::schoolOutcome();
  std::vector<std::string> columns;
  for (const dataset::InputField& f : spec.inputs()) columns.push_back(f.name);
  test::TempDir work;
  const test::GoldenOutput got = test::runGolden(spec, (dir / "expected_rows.csv").string(),
                                                 columns, pseudo::Date{2027, 6, 30}, work.path());
  EXPECT_EQ(test::compareGolden((dir / "school_outcome.csv").string(), got.csv), "");
  EXPECT_EQ(test::compareGolden((dir / "school_outcome.xml").string(), got.xml), "");
  EXPECT_EQ(test::compareGolden((dir / "rejected.txt").string(), got.rejected), "");

  // Each case holds rows that pass and rows that do not.
  EXPECT_GT(lines(got.csv).size(), 1u);
  EXPECT_FALSE(got.rejected.empty());

  writeFileAtomically(work.file("out.xml"), got.xml);
  // xmllint is a Linux program here.
#ifndef _WIN32
  const std::string command =
      "xmllint --noout --nonet --schema '" + kSchema + "' '" + work.file("out.xml") + "'";
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
#endif
}

// "line N: field: why": the reason names fields, never a value of the row (the score, the
// grade, the school year, the CPR number...).
TEST_P(SchoolOutcomeGolden, ReasonsNameFieldsNeverValues) {
  const fs::path dir = kCases / GetParam();
  const std::vector<std::string> rows = lines(readFile((dir / "expected_rows.csv").string()));
  for (const std::string& line : lines(readFile((dir / "rejected.txt").string()))) {
    const std::size_t colon = line.find(": ");
    ASSERT_EQ(line.rfind("line ", 0), 0u) << line;
    const std::size_t number = std::stoul(line.substr(5, colon - 5));
    ASSERT_LE(number, rows.size()) << line;
    const std::string reason = line.substr(colon + 2);
    const std::vector<std::string> words = tokens(reason);
    std::stringstream row(rows[number - 1]);
    for (std::string value; std::getline(row, value, ',');) {
      if (value.empty()) continue;
      for (const std::string& word : words) EXPECT_NE(word, value) << line;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Instruments, SchoolOutcomeGolden, ::testing::ValuesIn(caseNames()),
                         [](const auto& param) { return param.param; });

TEST(SchoolOutcomeGoldenCases, OneForEachInstrument) {
  EXPECT_EQ(caseNames(), (std::vector<std::string>{"school_outcome_adaptive", "school_outcome_exam",
                                                   "school_outcome_skills", "school_outcome_survey",
                                                   "school_outcome_transition"}));
}

}  // namespace
}  // namespace brobyg
