#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

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

}  // namespace
}  // namespace brobyg::dataset
