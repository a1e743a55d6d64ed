#include "dataset/DatasetWriter.h"

#include "dataset/CsvDatasetWriter.h"

#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <vector>

#include "TestSupport.h"
#include "util/AtomicFile.h"
#include "util/Error.h"

namespace brobyg::dataset {
namespace {
namespace fs = std::filesystem;
using testing::freshDir;

using Row = std::array<std::string_view, 12>;
const Row kDayRow = {"abcdefghijklmnopqrstuvwxyz",
                     "2012-03",
                     "male",
                     "13",
                     "0101",
                     "101001",
                     "7",
                     "2025-09-01",
                     "day",
                     "",
                     "sick",
                     "csv:skole1"};
const Row kLessonRow = {"zyxwvutsrqponmlkjihgfedcba",
                        "2014-11",
                        "female",
                        "10",
                        "0101",
                        "101002",
                        "",
                        "2025-09-02",
                        "lesson",
                        "3",
                        "unauthorised",
                        "csv"};

TEST(CsvDatasetWriter, WritesHeaderAndRowsWithCrlf) {
  std::string path = freshDir("csv_basic") + "/absence_event.csv";
  auto writer = makeWriter("csv", absenceEvent(), path);
  EXPECT_EQ(writer->format(), "csv");
  writer->begin();
  writer->writeRow(kDayRow.data(), kDayRow.size());
  writer->writeRow(kLessonRow.data(), kLessonRow.size());
  WriteResult result = writer->finish();

  const std::string expected =
      "person,birth_month,sex,age,municipality,school,grade,date,unit,lesson,category,source\r\n"
      "abcdefghijklmnopqrstuvwxyz,2012-03,male,13,0101,101001,7,2025-09-01,day,,sick,"
      "csv:skole1\r\n"
      "zyxwvutsrqponmlkjihgfedcba,2014-11,female,10,0101,101002,,2025-09-02,lesson,3,"
      "unauthorised,csv\r\n";
  EXPECT_EQ(brobyg::readFile(path), expected);
  EXPECT_EQ(result.rows, 2u);
  EXPECT_EQ(result.bytes, expected.size());
  EXPECT_EQ(result.path, path);
}

TEST(CsvDatasetWriter, QuotesOnlyWhatNeedsIt) {
  std::string path = freshDir("csv_quote") + "/q.csv";
  auto writer = makeWriter("csv", absenceEvent(), path);
  writer->begin();
  Row row = kDayRow;
  row[5] = "a,b";
  row[11] = "x\"y";
  writer->writeRow(row.data(), row.size());
  writer->finish();
  std::string text = brobyg::readFile(path);
  EXPECT_NE(text.find(",0101,\"a,b\",7,"), std::string::npos);
  EXPECT_NE(text.find(",sick,\"x\"\"y\"\r\n"), std::string::npos);
}

TEST(XmlDatasetWriter, WritesOneEventPerLineAndLeavesOutAbsentColumns) {
  std::string path = freshDir("xml_basic") + "/absence_event.xml";
  auto writer = makeWriter("xml", absenceEvent(), path);
  EXPECT_EQ(writer->format(), "xml");
  writer->begin();
  writer->writeRow(kDayRow.data(), kDayRow.size());
  writer->writeRow(kLessonRow.data(), kLessonRow.size());
  WriteResult result = writer->finish();

  const std::string expected =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<absence_events xmlns=\"urn:brobyg:dataset:absence_event:1\" schema_version=\"1\" "
      "dataset=\"absence_event\">\n"
      "<event><person>abcdefghijklmnopqrstuvwxyz</person><birth_month>2012-03</birth_month>"
      "<sex>male</sex><age>13</age><municipality>0101</municipality><school>101001</school>"
      "<grade>7</grade><date>2025-09-01</date><unit>day</unit><category>sick</category>"
      "<source>csv:skole1</source></event>\n"
      "<event><person>zyxwvutsrqponmlkjihgfedcba</person><birth_month>2014-11</birth_month>"
      "<sex>female</sex><age>10</age><municipality>0101</municipality><school>101002</school>"
      "<date>2025-09-02</date><unit>lesson</unit><lesson>3</lesson>"
      "<category>unauthorised</category><source>csv</source></event>\n"
      "</absence_events>\n";
  EXPECT_EQ(brobyg::readFile(path), expected);
  EXPECT_EQ(result.rows, 2u);
  EXPECT_EQ(result.bytes, expected.size());
}

TEST(XmlDatasetWriter, EscapesMarkupAndRefusesIllegalCharacters) {
  std::string path = freshDir("xml_escape") + "/e.xml";
  auto writer = makeWriter("xml", absenceEvent(), path);
  writer->begin();
  Row row = kDayRow;
  row[5] = "<a&b>";
  writer->writeRow(row.data(), row.size());
  row[5] = "bad\x01";
  try {
    writer->writeRow(row.data(), row.size());
    FAIL() << "a control character reached the XML";
  } catch (const Error& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("row 2, column school"), std::string::npos) << message;
    EXPECT_EQ(message.find("bad"), std::string::npos) << "the value leaked into: " << message;
  }
  EXPECT_EQ(writer->finish().rows, 1u);
  EXPECT_NE(brobyg::readFile(path).find("<school>&lt;a&amp;b&gt;</school>"), std::string::npos);
}

TEST(DatasetWriter, RefusesEmptyRequiredValuesAndWrongWidth) {
  for (const char* format : {"csv", "xml"}) {
    std::string path = freshDir(std::string("refuse_") + format) + "/out";
    auto writer = makeWriter(format, absenceEvent(), path);
    writer->begin();
    Row row = kDayRow;
    row[10] = "";  // category is required
    EXPECT_THROW(writer->writeRow(row.data(), row.size()), Error) << format;
    EXPECT_THROW(writer->writeRow(kDayRow.data(), kDayRow.size() - 1), Error) << format;
    writer->writeRow(kDayRow.data(), kDayRow.size());
    EXPECT_EQ(writer->finish().rows, 1u) << format;
  }
}

TEST(DatasetWriter, RefusesRowsOutsideBeginAndFinish) {
  std::string path = freshDir("order") + "/out.csv";
  auto writer = makeWriter("csv", absenceEvent(), path);
  EXPECT_THROW(writer->writeRow(kDayRow.data(), kDayRow.size()), Error);
  EXPECT_THROW(writer->finish(), Error);
  writer->begin();
  EXPECT_THROW(writer->begin(), Error);
  writer->finish();
  EXPECT_THROW(writer->writeRow(kDayRow.data(), kDayRow.size()), Error);
}

TEST(DatasetWriter, LeavesNothingWhenNotFinished) {
  std::string dir = freshDir("abandon");
  std::string path = dir + "/out.xml";
  {
    auto writer = makeWriter("xml", absenceEvent(), path);
    writer->begin();
    for (int i = 0; i < 5000; ++i) writer->writeRow(kDayRow.data(), kDayRow.size());
  }
  EXPECT_TRUE(fs::is_empty(dir)) << "an abandoned writer left a file or a temp file";
}

TEST(DatasetWriter, ReplacesAnExistingFileOnlyOnFinish) {
  std::string path = freshDir("replace") + "/out.csv";
  writeFileAtomically(path, "old");
  auto writer = makeWriter("csv", absenceEvent(), path);
  writer->begin();
  writer->writeRow(kDayRow.data(), kDayRow.size());
  EXPECT_EQ(brobyg::readFile(path), "old");
  writer->finish();
  EXPECT_NE(brobyg::readFile(path).find("abcdefghijklmnopqrstuvwxyz"), std::string::npos);
}

TEST(DatasetWriter, LargeFilesMatchTheirByteCount) {
  // Crosses many 64 KiB chunks, including rows with a field larger than a chunk.
  std::string path = freshDir("large") + "/big.csv";
  auto writer = makeWriter("csv", absenceEvent(), path);
  writer->begin();
  testing::AbsenceRows rows(7);
  std::string huge(200 * 1024, 'x');
  for (int i = 0; i < 20000; ++i) {
    auto row = rows.next();
    if (i % 5000 == 17) row[11] = huge;
    writer->writeRow(row.data(), row.size());
  }
  WriteResult result = writer->finish();
  EXPECT_EQ(result.rows, 20000u);
  EXPECT_EQ(result.bytes, fs::file_size(path));
  std::string text = brobyg::readFile(path);
  std::size_t lines = 0;
  for (std::size_t at = text.find("\r\n"); at != std::string::npos; at = text.find("\r\n", at + 2))
    ++lines;
  EXPECT_EQ(lines, 20001u);
}

TEST(DatasetWriter, FactoryRefusesUnknownFormats) {
  std::string path = freshDir("factory") + "/x";
  EXPECT_THROW(makeWriter("json", absenceEvent(), path), Error);
  EXPECT_THROW(makeWriter("CSV", absenceEvent(), path), Error);
}

}  // namespace
}  // namespace brobyg::dataset

namespace brobyg::dataset {
namespace {

std::string csvRecord(std::vector<std::string_view> values) {
  std::string out(csvRecordMaxSize(values.data(), values.size()), '\0');
  std::size_t bad = 0;
  out.resize(encodeCsvRecord(values.data(), values.size(), out.data(), bad));
  return out;
}

// The row digests hash these bytes: two different rows of one dataset must never encode alike.
TEST(CsvRecord, DifferentRowsNeverEncodeAlike) {
  EXPECT_NE(csvRecord({"a,b", "c"}), csvRecord({"a", "b,c"}));
  EXPECT_NE(csvRecord({"ab", ""}), csvRecord({"a", "b"}));
  EXPECT_NE(csvRecord({"\"", ""}), csvRecord({"", "\""}));
  EXPECT_NE(csvRecord({"a\r\n", "b"}), csvRecord({"a", "\r\nb"}));
  EXPECT_EQ(csvRecord({"x", "y"}), "x,y\r\n");
}

TEST(CsvRecord, IsWhatTheCsvWriterWrites) {
  std::string path = testing::freshDir("csv_record") + "/absence_event.csv";
  auto writer = makeWriter("csv", absenceEvent(), path);
  writer->begin();
  const std::string_view written = writer->writeRow(kDayRow.data(), kDayRow.size());
  EXPECT_EQ(std::string(written), csvRecord({kDayRow.begin(), kDayRow.end()}));
}

}  // namespace
}  // namespace brobyg::dataset
