#include "ProcessedFiles.h"

#include <brobyg_plugin.hpp>

#include <gtest/gtest.h>

namespace brobyg::csv {
namespace {

const std::string kHashA(64, 'a');
const std::string kHashB(64, 'b');

TEST(ProcessedFiles, RoundTripsWithEscapedPaths) {
  ProcessedFiles files;
  files.record("2024/uge 1.csv", 120, kHashA);
  files.record("odd\tname\\with\nbreaks.csv", 7, kHashB);
  const std::string text = files.serialise();
  EXPECT_EQ(text.rfind("brobyg-csv-cursor 1\n", 0), 0u);
  const ProcessedFiles back = ProcessedFiles::parse(text);
  ASSERT_EQ(back.size(), 2u);
  const auto* entry = back.find("odd\tname\\with\nbreaks.csv");
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->size, 7u);
  EXPECT_EQ(entry->sha256, kHashB);
  EXPECT_EQ(back.serialise(), text);
}

TEST(ProcessedFiles, SamePathReplacesEntry) {
  ProcessedFiles files;
  files.record("a.csv", 1, kHashA);
  files.record("a.csv", 2, kHashB);
  EXPECT_EQ(files.size(), 1u);
  EXPECT_EQ(files.find("a.csv")->sha256, kHashB);
  EXPECT_EQ(files.find("b.csv"), nullptr);
}

TEST(ProcessedFiles, RefusesForeignOrDamagedCursors) {
  EXPECT_THROW(ProcessedFiles::parse("42"), sdk::Error);
  EXPECT_THROW(ProcessedFiles::parse("brobyg-csv-cursor 2\n"), sdk::Error);
  EXPECT_THROW(ProcessedFiles::parse("brobyg-csv-cursor 1\nxyz\t1\ta.csv\n"), sdk::Error);
  EXPECT_THROW(ProcessedFiles::parse("brobyg-csv-cursor 1\n" + kHashA + "\t-1\ta.csv\n"),
               sdk::Error);
  EXPECT_THROW(ProcessedFiles::parse("brobyg-csv-cursor 1\n" + kHashA + "\t1\ta\\x.csv\n"),
               sdk::Error);
  EXPECT_NO_THROW(ProcessedFiles::parse("brobyg-csv-cursor 1\n"));
}

}  // namespace
}  // namespace brobyg::csv
