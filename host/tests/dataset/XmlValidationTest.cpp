#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "TestSupport.h"
#include "dataset/DatasetWriter.h"
#include "util/AtomicFile.h"

namespace brobyg::dataset {
namespace {

const std::string kSchemas = std::string(BROBYG_SOURCE_DIR) + "/schemas/";

std::string freshDirPath() {
  static int n = 0;
  return testing::freshDir("xmllint_" + std::to_string(++n)) + "/absence_event.xml";
}

// Exit status of xmllint validating `file` against `schema` (0: valid).
int xmllint(const std::string& schema, const std::string& file) {
  std::string command = "xmllint --noout --nonet --schema '" + schema + "' '" + file + "' 2>'" +
                        file + ".xmllint.log'";
  return std::system(command.c_str());
}

TEST(XmlValidation, GeneratedEventsValidateAgainstTheXsd) {
  std::string path = freshDirPath();
  auto writer = makeWriter("xml", absenceEvent(), path);
  writer->begin();
  testing::AbsenceRows rows(42);
  for (int i = 0; i < 500; ++i) {
    const auto& row = rows.next();
    writer->writeRow(row.data(), row.size());
  }
  writer->finish();
  EXPECT_EQ(xmllint(kSchemas + absenceEvent().schemaFile(), path), 0)
      << brobyg::readFile(path + ".xmllint.log");
}

TEST(XmlValidation, TheXsdRejectsValuesOutsideTheColumnTypes) {
  // Proves the validation above can fail: each row breaks one rule of the schema.
  const std::size_t person = 0, age = 3, grade = 6, date = 7, lesson = 9, category = 10;
  const std::pair<std::size_t, std::string_view> broken[] = {{person, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
                                                             {age, "31"},
                                                             {grade, "11"},
                                                             {date, "2025-02-30"},
                                                             {lesson, "13"},
                                                             {category, "holiday"},
                                                             {date, "2025-09-01Z"},
                                                             {person, "short"}};
  for (const auto& [column, value] : broken) {
    std::string path = freshDirPath();
    auto writer = makeWriter("xml", absenceEvent(), path);
    writer->begin();
    testing::AbsenceRows rows(1);
    auto row = rows.next();
    row[column] = value;
    if (column == lesson) row[8] = "lesson";
    writer->writeRow(row.data(), row.size());
    writer->finish();
    EXPECT_NE(xmllint(kSchemas + absenceEvent().schemaFile(), path), 0)
        << absenceEvent().outputs()[column].name << " = " << value << " was accepted";
  }
}

// school_outcome: one row of each scale validates; a value no scale has, a school year or code
// out of pattern does not.
std::vector<std::string_view> outcomeRow(std::string_view score, std::string_view scale) {
  return {"abcdefghijklmnopqrstuvwxyz",
          "2010-11",
          "female",
          "15",
          "101",
          "280123",
          "9",
          "2025/26",
          "2026-05-04",
          "leaving_exam",
          "danish_reading",
          score,
          scale,
          "resultater"};
}

int writeAndCheckOutcome(const std::vector<std::string_view>& row) {
  std::string path = freshDirPath();
  auto writer = makeWriter("xml", schoolOutcome(), path);
  writer->begin();
  writer->writeRow(row.data(), row.size());
  writer->finish();
  return xmllint(kSchemas + schoolOutcome().schemaFile(), path);
}

TEST(XmlValidation, SchoolOutcomeRowsOfEveryScaleValidate) {
  for (const auto& [score, scale] :
       std::vector<std::pair<std::string_view, std::string_view>>{{"-3", "grade_7point"},
                                                                  {"00", "grade_7point"},
                                                                  {"02", "grade_7point"},
                                                                  {"12", "grade_7point"},
                                                                  {"3.7", "wellbeing_mean"},
                                                                  {"100", "adaptive_percentile"},
                                                                  {"6", "adaptive_level"},
                                                                  {"0", "transition_points"},
                                                                  {"999", "skills_points"}})
    EXPECT_EQ(writeAndCheckOutcome(outcomeRow(score, scale)), 0) << score << " " << scale;
}

TEST(XmlValidation, TheSchoolOutcomeXsdRejectsValuesOutsideTheColumnTypes) {
  const std::size_t grade = 6, schoolYear = 7, instrument = 9, subject = 10, score = 11, scale = 12;
  const std::pair<std::size_t, std::string_view> broken[] = {
      {score, "-03"},          {score, "3.75"},       {score, "007"}, {score, "1000"},
      {schoolYear, "2025-26"}, {schoolYear, "25/26"}, {grade, "11"},  {instrument, "exam"},
      {subject, "danish"},     {scale, "percent"}};
  for (const auto& [column, value] : broken) {
    std::vector<std::string_view> row = outcomeRow("7", "grade_7point");
    row[column] = value;
    EXPECT_NE(writeAndCheckOutcome(row), 0)
        << schoolOutcome().outputs()[column].name << " = " << value << " was accepted";
  }
}

}  // namespace
}  // namespace brobyg::dataset
