#include "common/ProcessedFiles.h"

#include <brobyg_plugin.hpp>

#include <gtest/gtest.h>

namespace brobyg::files {
namespace {

const std::string kHashA(64, 'a');
const std::string kHashB(64, 'b');
// The csv plugin's format: a current version with resume columns and a legacy one without.
constexpr CursorFormat kCsv{"csv", "brobyg-csv-cursor 2", "brobyg-csv-cursor 1"};
// The xml plugin's: no legacy version.
constexpr CursorFormat kXml{"xml", "brobyg-xml-cursor 1", ""};

TEST(ProcessedFiles, RoundTripsWithEscapedPaths) {
  ProcessedFiles files(kCsv);
  files.record("2024/uge 1.csv", 120, kHashA, ProcessedFiles::Resume{118, 9});
  files.record("odd\tname\\with\nbreaks.csv", 7, kHashB, std::nullopt);
  const std::string text = files.serialise();
  EXPECT_EQ(text.rfind("brobyg-csv-cursor 2\n" + kHashA + "\t120\t118\t9\t2024/uge 1.csv\n", 0),
            0u);
  const ProcessedFiles back = ProcessedFiles::parse(text, kCsv);
  ASSERT_EQ(back.size(), 2u);
  const auto* entry = back.find("odd\tname\\with\nbreaks.csv");
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->size, 7u);
  EXPECT_EQ(entry->sha256, kHashB);
  ASSERT_TRUE(entry->resume.has_value());
  EXPECT_EQ(entry->resume->offset, 0u);  // no resume point: a grown file is read in full
  EXPECT_EQ(back.find("2024/uge 1.csv")->resume->line, 9u);
  EXPECT_EQ(back.serialise(), text);
}

TEST(ProcessedFiles, ReadsVersionOneCursorsWithoutResumePoints) {
  const ProcessedFiles old =
      ProcessedFiles::parse("brobyg-csv-cursor 1\n" + kHashA + "\t120\ta.csv\n", kCsv);
  const auto* entry = old.find("a.csv");
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->size, 120u);
  EXPECT_EQ(entry->sha256, kHashA);
  EXPECT_FALSE(entry->resume.has_value());
  EXPECT_EQ(old.serialise(), "brobyg-csv-cursor 2\n" + kHashA + "\t120\t0\t1\ta.csv\n");
}

TEST(ProcessedFiles, SamePathReplacesEntry) {
  ProcessedFiles files(kCsv);
  files.record("a.csv", 1, kHashA, std::nullopt);
  files.record("a.csv", 2, kHashB, std::nullopt);
  EXPECT_EQ(files.size(), 1u);
  EXPECT_EQ(files.find("a.csv")->sha256, kHashB);
  EXPECT_EQ(files.find("b.csv"), nullptr);
}

TEST(ProcessedFiles, RefusesForeignOrDamagedCursors) {
  EXPECT_THROW(ProcessedFiles::parse("42", kCsv), sdk::Error);
  EXPECT_THROW(ProcessedFiles::parse("brobyg-csv-cursor 1\nxyz\t1\ta.csv\n", kCsv), sdk::Error);
  EXPECT_THROW(ProcessedFiles::parse("brobyg-csv-cursor 1\n" + kHashA + "\t-1\ta.csv\n", kCsv),
               sdk::Error);
  EXPECT_THROW(ProcessedFiles::parse("brobyg-csv-cursor 1\n" + kHashA + "\t1\ta\\x.csv\n", kCsv),
               sdk::Error);
  EXPECT_THROW(ProcessedFiles::parse("brobyg-csv-cursor 2\n" + kHashA + "\t1\ta.csv\n", kCsv),
               sdk::Error);  // version 2 without its resume columns
  EXPECT_THROW(ProcessedFiles::parse("brobyg-csv-cursor 2\n" + kHashA + "\t1\t2\t1\ta.csv\n", kCsv),
               sdk::Error);  // resume offset beyond the size
  EXPECT_NO_THROW(ProcessedFiles::parse("brobyg-csv-cursor 1\n", kCsv));
  EXPECT_NO_THROW(ProcessedFiles::parse("brobyg-csv-cursor 2\n", kCsv));
}

TEST(ProcessedFiles, EachPluginReadsOnlyItsOwnCursor) {
  ProcessedFiles xml(kXml);
  xml.record("a.xml", 5, kHashA, std::nullopt);
  const std::string text = xml.serialise();
  EXPECT_EQ(text, "brobyg-xml-cursor 1\n" + kHashA + "\t5\t0\t1\ta.xml\n");
  EXPECT_EQ(ProcessedFiles::parse(text, kXml).find("a.xml")->size, 5u);
  try {
    ProcessedFiles::parse(text, kCsv);
    ADD_FAILURE() << "a csv source read an xml cursor";
  } catch (const sdk::Error& e) {
    EXPECT_STREQ(e.what(),
                 "the stored csv cursor is malformed; clear the instance's cursor to re-read");
  }
  // A format without a legacy version does not accept an empty version line as one.
  EXPECT_THROW(ProcessedFiles::parse("\n", kXml), sdk::Error);
  EXPECT_THROW(ProcessedFiles::parse("brobyg-csv-cursor 1\n", kXml), sdk::Error);
}

}  // namespace
}  // namespace brobyg::files
