// The plugin end to end through its C descriptor: files, cursor, stop, errors.
#include "TestSupport.h"

#include <sys/stat.h>
#include <unistd.h>

#include <common/OpenBelow.h>
#include <testing/CapturingSink.hpp>
#include <testing/PluginHarness.hpp>
#include <testing/StandardDatasets.hpp>

#include <gtest/gtest.h>

#include <filesystem>

extern "C" const brobyg_plugin_descriptor* brobyg_plugin_entry(void);

namespace brobyg::csv {
namespace {

namespace fs = std::filesystem;
using files::openBelow;
using files::Opened;
using testing::CapturingSink;
using testing::CreateArgs;
using testing::SettingsMap;
using testing::SourceInstance;

const std::string kHeader = "CPR-nr;Navn;Dato;Type\n";

SettingsMap settingsFor(const fs::path& dir, SettingsMap more = {}) {
  SettingsMap settings = {{"directory", dir.string()},
                          {"column.person", "CPR-nr"},
                          {"column.date", "Dato"},
                          {"column.category", "Type"},
                          {"constant.municipality", "0101"},
                          {"constant.school", "280123"},
                          {"value.category.Syg", "sick"},
                          {"min_file_age", "0s"}};  // the files are written by the test
  for (const auto& [k, v] : more) settings[k] = v;
  return testing::withDefaults(kSettings, std::size(kSettings), settings);
}

struct Plugin {
  explicit Plugin(const SettingsMap& settings)
      : args(settings, brobyg::testing::datasets::absenceEvent()),
        instance(brobyg_plugin_entry(), args) {}
  CreateArgs args;
  SourceInstance instance;
};

TEST(CsvSource, ReadsFilesInNameOrderAndSkipsThemNextTime) {
  const auto dir = test::freshDirectory("order");
  test::writeFile(dir / "b.csv", kHeader + "0101121234;Test A;2024-08-02;Syg\n");
  test::writeFile(dir / "a.csv", kHeader + "0202121234;Test B;2024-08-01;syg\n");
  test::writeFile(dir / "notes.txt", "not an export\n");
  Plugin run(settingsFor(dir));
  ASSERT_TRUE(run.instance.created().ok()) << run.instance.created().error;

  CapturingSink first;
  ASSERT_TRUE(run.instance.pull(std::nullopt, first).ok());
  ASSERT_EQ(first.rows().size(), 2u);
  EXPECT_EQ(first.rows()[0].origin, "a.csv:2");
  EXPECT_EQ(first.rows()[1].origin, "b.csv:2");
  EXPECT_EQ(first.cursors().size(), 2u);  // one after each finished file

  CapturingSink second;
  ASSERT_TRUE(run.instance.pull(first.lastCursor(), second).ok());
  EXPECT_TRUE(second.rows().empty());
  EXPECT_TRUE(second.cursors().empty());

  // Same path and size, other content: read again.
  test::writeFile(dir / "a.csv", kHeader + "0202121234;Test B;2024-08-09;syg\n");
  CapturingSink third;
  ASSERT_TRUE(run.instance.pull(first.lastCursor(), third).ok());
  ASSERT_EQ(third.rows().size(), 1u);
  EXPECT_EQ(third.rows()[0].values[4], "2024-08-09");
  ASSERT_EQ(third.cursors().size(), 1u);

  CapturingSink fourth;
  ASSERT_TRUE(run.instance.pull(third.lastCursor(), fourth).ok());
  EXPECT_TRUE(fourth.rows().empty());
}

TEST(CsvSource, StopsWhenTheSinkSaysSoAndReadsTheFileAgain) {
  const auto dir = test::freshDirectory("stop");
  test::writeFile(dir / "a.csv",
                  kHeader + "0101121234;A;2024-08-01;Syg\n0202121234;B;2024-08-02;Syg\n");
  test::writeFile(dir / "b.csv", kHeader + "0303121234;C;2024-08-03;Syg\n");
  Plugin run(settingsFor(dir));
  CapturingSink sink;
  sink.stopAfter(1);
  ASSERT_TRUE(run.instance.pull(std::nullopt, sink).ok());
  EXPECT_EQ(sink.rows().size(), 1u);
  EXPECT_TRUE(sink.cursors().empty());

  CapturingSink again;
  ASSERT_TRUE(run.instance.pull(std::nullopt, again).ok());
  EXPECT_EQ(again.rows().size(), 3u);
}

TEST(CsvSource, RecursivePatternAndRelativeOrigins) {
  const auto dir = test::freshDirectory("recursive");
  test::writeFile(dir / "2024" / "FRAVAER_1.CSV", kHeader + "0101121234;A;2024-08-01;Syg\n");
  test::writeFile(dir / "2024" / "other_1.csv", kHeader + "0101121234;A;2024-08-01;Syg\n");
  test::writeFile(dir / "fravaer_0.csv", kHeader + "0101121234;A;2024-08-01;Syg\n");

  Plugin flat(settingsFor(dir, {{"pattern", "fravaer_?.csv"}}));
  CapturingSink flatSink;
  ASSERT_TRUE(flat.instance.pull(std::nullopt, flatSink).ok());
  ASSERT_EQ(flatSink.rows().size(), 1u);

  Plugin deep(settingsFor(dir, {{"pattern", "fravaer_?.csv"}, {"recursive", "true"}}));
  CapturingSink deepSink;
  ASSERT_TRUE(deep.instance.pull(std::nullopt, deepSink).ok());
  ASSERT_EQ(deepSink.rows().size(), 2u);
  EXPECT_EQ(deepSink.rows()[0].origin, "2024/FRAVAER_1.CSV:2");
  EXPECT_NE(deepSink.lastCursor()->find("\t2024/FRAVAER_1.CSV\n"), std::string::npos);
}

TEST(CsvSource, LeavesFreshFilesForLater) {
  const auto dir = test::freshDirectory("age");
  test::writeFile(dir / "a.csv", kHeader + "0101121234;A;2024-08-01;Syg\n");
  Plugin run(settingsFor(dir, {{"min_file_age", "1h"}}));
  CapturingSink sink;
  ASSERT_TRUE(run.instance.pull(std::nullopt, sink).ok());
  EXPECT_TRUE(sink.rows().empty());
  fs::last_write_time(dir / "a.csv", fs::file_time_type::clock::now() - std::chrono::hours(2));
  CapturingSink later;
  ASSERT_TRUE(run.instance.pull(std::nullopt, later).ok());
  EXPECT_EQ(later.rows().size(), 1u);
}

TEST(CsvSource, MinFileAgeDefaultsToTwoMinutes) {
  const auto dir = test::freshDirectory("agedefault");
  test::writeFile(dir / "a.csv", kHeader + "0101121234;A;2024-08-01;Syg\n");
  SettingsMap settings = settingsFor(dir);
  settings.erase("min_file_age");
  Plugin run(testing::withDefaults(kSettings, std::size(kSettings), settings));
  CapturingSink sink;
  ASSERT_TRUE(run.instance.pull(std::nullopt, sink).ok());
  EXPECT_TRUE(sink.rows().empty());  // written just now: the vendor may still be at it
  fs::last_write_time(dir / "a.csv", fs::file_time_type::clock::now() - std::chrono::minutes(3));
  CapturingSink later;
  ASSERT_TRUE(run.instance.pull(std::nullopt, later).ok());
  EXPECT_EQ(later.rows().size(), 1u);
}

// Issue 10, finding 1, built like the finding: one stray quote on line 52 of a 207,178-line
// export. Before the fix: 50 rows, one reject holding 1 MiB, the rest neither delivered nor
// quarantined, and the file marked processed.
TEST(CsvSource, StrayQuoteLosesNoRowOfALargeFile) {
  const auto dir = test::freshDirectory("strayquote");
  constexpr size_t kLines = 207178;
  std::string data = kHeader;
  for (size_t line = 2; line <= kLines; ++line) {
    const std::string day = std::to_string(10 + line % 18);
    data += line == 52 ? "0101121234;\"Stray;2024-08-" + day + ";Syg\n"
                       : "0101121234;Test;2024-08-" + day + ";Syg\n";
  }
  test::writeFile(dir / "big.csv", data);
  Plugin run(settingsFor(dir));
  CapturingSink sink;
  ASSERT_TRUE(run.instance.pull(std::nullopt, sink).ok());
  ASSERT_EQ(sink.rejects().size(), 1u);
  EXPECT_EQ(sink.rejects()[0].origin, "big.csv:52");
  EXPECT_EQ(sink.rejects()[0].raw,
            "0101121234;\"Stray;2024-08-" + std::to_string(10 + 52 % 18) + ";Syg");
  EXPECT_EQ(sink.rows().size(), kLines - 2);
  EXPECT_EQ(sink.rows()[50].origin, "big.csv:53");
  EXPECT_EQ(sink.rows().back().origin, "big.csv:" + std::to_string(kLines));
  bool accounted = false;
  for (const auto& line : run.args.logLines())
    accounted |= line.find(
                     "'big.csv': 207178 lines: 1 header, 207176 delivered, 1 quarantined, "
                     "0 skipped") != std::string::npos;
  EXPECT_TRUE(accounted);
}

// Issue 10, finding 2: a file that only grew is read from where the last read stopped.
TEST(CsvSource, GrownFileDeliversOnlyTheNewRows) {
  const auto dir = test::freshDirectory("grown");
  const std::string first = kHeader + "0101121234;A;2024-08-01;Syg\n0202121234;B;2024-08-02;Syg\n";
  test::writeFile(dir / "a.csv", first);
  Plugin run(settingsFor(dir));
  CapturingSink one;
  ASSERT_TRUE(run.instance.pull(std::nullopt, one).ok());
  ASSERT_EQ(one.rows().size(), 2u);

  test::writeFile(dir / "a.csv",
                  first + "0303121234;C;2024-08-03;Syg\n\n0404121234;D;2024-08-04;Syg\n");
  CapturingSink two;
  ASSERT_TRUE(run.instance.pull(one.lastCursor(), two).ok());
  ASSERT_EQ(two.rows().size(), 2u);
  EXPECT_EQ(two.rows()[0].origin, "a.csv:4");
  EXPECT_EQ(two.rows()[0].values[4], "2024-08-03");
  EXPECT_EQ(two.rows()[1].origin, "a.csv:6");
  ASSERT_EQ(two.cursors().size(), 1u);

  CapturingSink three;  // unchanged since: nothing
  ASSERT_TRUE(run.instance.pull(two.lastCursor(), three).ok());
  EXPECT_TRUE(three.rows().empty());
}

TEST(CsvSource, GrownFileWhoseLastLineHadNoLineEndReadsThatLineAgain) {
  const auto dir = test::freshDirectory("grownpartial");
  const std::string first = kHeader + "0101121234;A;2024-08-01;Syg\n0202121234;B;2024-08-0";
  test::writeFile(dir / "a.csv", first);
  Plugin run(settingsFor(dir));
  CapturingSink one;
  ASSERT_TRUE(run.instance.pull(std::nullopt, one).ok());
  EXPECT_EQ(one.rows().size(), 1u);
  EXPECT_EQ(one.rejects().size(), 1u);  // the half-written row: bad date
  test::writeFile(dir / "a.csv", first + "2;Syg\n");
  CapturingSink two;
  ASSERT_TRUE(run.instance.pull(one.lastCursor(), two).ok());
  ASSERT_EQ(two.rows().size(), 1u);
  EXPECT_EQ(two.rows()[0].origin, "a.csv:3");
  EXPECT_EQ(two.rows()[0].values[4], "2024-08-02");
}

TEST(CsvSource, CumulativeRewriteIsReadInFull) {
  const auto dir = test::freshDirectory("rewrite");
  test::writeFile(dir / "a.csv", kHeader + "0101121234;A;2024-08-01;Syg\n");
  Plugin run(settingsFor(dir));
  CapturingSink one;
  ASSERT_TRUE(run.instance.pull(std::nullopt, one).ok());
  ASSERT_EQ(one.rows().size(), 1u);
  // Tonight's export: yesterday's row corrected, and a new one; the prefix differs.
  test::writeFile(dir / "a.csv",
                  kHeader + "0101121234;A;2024-08-09;Syg\n0202121234;B;2024-08-02;Syg\n");
  CapturingSink two;
  ASSERT_TRUE(run.instance.pull(one.lastCursor(), two).ok());
  ASSERT_EQ(two.rows().size(), 2u);
  EXPECT_EQ(two.rows()[0].origin, "a.csv:2");
  EXPECT_EQ(two.rows()[0].values[4], "2024-08-09");
}

TEST(CsvSource, VersionOneCursorStillSkipsAndReadsGrownFilesInFull) {
  const auto dir = test::freshDirectory("cursor1");
  const std::string first = kHeader + "0101121234;A;2024-08-01;Syg\n";
  test::writeFile(dir / "a.csv", first);
  Plugin run(settingsFor(dir));
  CapturingSink one;
  ASSERT_TRUE(run.instance.pull(std::nullopt, one).ok());
  // The same cursor as version 1 wrote it: hash and size, no resume point.
  std::string v2 = *one.lastCursor();
  const size_t tab = v2.find('\t', v2.find('\t') + 1);
  const std::string v1 =
      "brobyg-csv-cursor 1\n" + v2.substr(v2.find('\n') + 1, tab - v2.find('\n')) + "a.csv\n";
  CapturingSink same;
  ASSERT_TRUE(run.instance.pull(v1, same).ok()) << v1;
  EXPECT_TRUE(same.rows().empty());
  test::writeFile(dir / "a.csv", first + "0202121234;B;2024-08-02;Syg\n");
  CapturingSink grown;
  ASSERT_TRUE(run.instance.pull(v1, grown).ok());
  EXPECT_EQ(grown.rows().size(), 2u);  // the host drops the row it already has
}

// Issue 10, finding 10: a link in the export folder made the service read any file.
TEST(CsvSource, SymlinksAreRefusedByDefaultWithAWarning) {
  const auto dir = test::freshDirectory("links");
  const auto outside = test::freshDirectory("links_outside");
  test::writeFile(outside / "secret.csv", kHeader + "0101121234;A;2024-08-01;Syg\n");
  test::writeFile(dir / "real.csv", kHeader + "0202121234;B;2024-08-02;Syg\n");
  fs::create_symlink(outside / "secret.csv", dir / "a_out.csv");
  fs::create_symlink(dir / "real.csv", dir / "b_in.csv");
  Plugin run(settingsFor(dir));
  CapturingSink sink;
  ASSERT_TRUE(run.instance.pull(std::nullopt, sink).ok());
  ASSERT_EQ(sink.rows().size(), 1u);
  EXPECT_EQ(sink.rows()[0].origin, "real.csv:2");
  size_t warnings = 0;
  for (const auto& line : run.args.logLines())
    if (line.find("is a symbolic link; skipped") != std::string::npos) ++warnings;
  EXPECT_EQ(warnings, 2u);
  EXPECT_EQ(sink.lastCursor()->find("a_out.csv"), std::string::npos);
}

// min_file_age is checked on the opened file: a dangling link (no age to read) was skipped
// silently on every run instead of with the link warning.
TEST(CsvSource, DanglingSymlinkIsWarnedAboutWhateverMinFileAge) {
  const auto dir = test::freshDirectory("danglingage");
  fs::create_symlink(dir / "nowhere.csv", dir / "gone.csv");
  SettingsMap settings = settingsFor(dir);
  settings.erase("min_file_age");  // the default, 2 minutes
  Plugin run(testing::withDefaults(kSettings, std::size(kSettings), settings));
  CapturingSink sink;
  ASSERT_TRUE(run.instance.pull(std::nullopt, sink).ok());
  EXPECT_TRUE(sink.rows().empty());
  size_t warnings = 0;
  for (const auto& line : run.args.logLines())
    if (line.find("'gone.csv' is a symbolic link; skipped") != std::string::npos) ++warnings;
  EXPECT_EQ(warnings, 1u);
}

TEST(CsvSource, FollowSymlinksInsideReadsOnlyLinksThatStayInside) {
  const auto dir = test::freshDirectory("linksinside");
  const auto outside = test::freshDirectory("linksinside_outside");
  test::writeFile(outside / "secret.csv", kHeader + "0101121234;A;2024-08-01;Syg\n");
  test::writeFile(dir / "data" / "real.txt", kHeader + "0202121234;B;2024-08-02;Syg\n");
  fs::create_symlink(outside / "secret.csv", dir / "a_out.csv");
  fs::create_symlink(dir / "data" / "real.txt", dir / "b_in.csv");
  fs::create_symlink("../linksinside_outside_nope/x.csv", dir / "c_dangling.csv");
  Plugin run(settingsFor(dir, {{"follow_symlinks", "inside"}}));
  CapturingSink sink;
  ASSERT_TRUE(run.instance.pull(std::nullopt, sink).ok());
  ASSERT_EQ(sink.rows().size(), 1u);
  EXPECT_EQ(sink.rows()[0].origin, "b_in.csv:2");
  size_t outsideWarnings = 0;
  for (const auto& line : run.args.logLines())
    if (line.find("symbolic link to outside the directory; skipped") != std::string::npos)
      ++outsideWarnings;
  EXPECT_EQ(outsideWarnings, 2u);
}

TEST(CsvSource, FolderSwappedForALinkAfterTheListingIsNotFollowed) {
  // openBelow walks the path with O_NOFOLLOW: a folder replaced by a link is refused.
  const auto dir = test::freshDirectory("swap");
  const auto outside = test::freshDirectory("swap_outside");
  test::writeFile(outside / "a.csv", kHeader);
  test::writeFile(dir / "sub" / "a.csv", kHeader);
  const Opened before = openBelow(dir, "sub/a.csv");
  ASSERT_GE(before.fd, 0);
  ::close(before.fd);
  fs::remove_all(dir / "sub");
  fs::create_directory_symlink(outside, dir / "sub");
  const Opened after = openBelow(dir, "sub/a.csv");
  EXPECT_EQ(after.fd, -1);
  EXPECT_FALSE(after.refusal.empty());
  fs::create_symlink(outside / "a.csv", dir / "b.csv");
  EXPECT_EQ(openBelow(dir, "b.csv").fd, -1);
#ifndef _WIN32  // Windows has no FIFOs in the file system
  ::mkfifo((dir / "fifo.csv").c_str(), 0600);
  const Opened fifo = openBelow(dir, "fifo.csv");  // does not block
  EXPECT_EQ(fifo.fd, -1);
  EXPECT_EQ(fifo.refusal, "it is not a regular file");
#endif
}

TEST(CsvSource, CheckAndPullFailOnMissingDirectory) {
  const auto dir = test::freshDirectory("missing") / "nope";
  Plugin run(settingsFor(dir));
  ASSERT_TRUE(run.instance.created().ok());
  const auto check = run.instance.check();
  EXPECT_EQ(check.code, BROBYG_FAILED);
  EXPECT_NE(check.error.find("does not exist"), std::string::npos);
  CapturingSink sink;
  EXPECT_EQ(run.instance.pull(std::nullopt, sink).code, BROBYG_FAILED);
}

TEST(CsvSource, CreateRefusesBadConfigurationThroughTheAbi) {
  SettingsMap settings = settingsFor("/tmp");
  settings.erase("column.date");
  Plugin run(settings);
  EXPECT_EQ(run.instance.created().code, BROBYG_FAILED);
  EXPECT_NE(run.instance.created().error.find("column.date"), std::string::npos);
}

TEST(CsvSource, HeaderWithoutConfiguredColumnFailsThePullAfterEarlierFiles) {
  const auto dir = test::freshDirectory("badheader");
  test::writeFile(dir / "a.csv", kHeader + "0101121234;A;2024-08-01;Syg\n");
  test::writeFile(dir / "b.csv", "CPR;Dato;Type\n0101121234;2024-08-01;Syg\n");
  Plugin run(settingsFor(dir));
  CapturingSink sink;
  const auto result = run.instance.pull(std::nullopt, sink);
  EXPECT_EQ(result.code, BROBYG_FAILED);
  EXPECT_EQ(result.error,
            "file 'b.csv': the header has no column 'CPR-nr' (setting column.person)");
  EXPECT_EQ(sink.rows().size(), 1u);
  EXPECT_EQ(sink.cursors().size(), 1u);  // a.csv is done and may be committed
}

TEST(CsvSource, RejectsAndErrorsNeverCarryRowContent) {
  const auto dir = test::freshDirectory("privacy");
  const std::string cpr = "0101129876";
  test::writeFile(dir / "a.csv", kHeader + cpr + ";Fake Name;31-02-2024;Syg\n" + cpr +
                                     ";Fake Name;2024-08-01;Hemmelig\n" + cpr + ";Fake Name\n" +
                                     cpr + ";\"Fake Name\"x;2024-08-01;Syg\n");
  Plugin run(settingsFor(dir));
  CapturingSink sink;
  ASSERT_TRUE(run.instance.pull(std::nullopt, sink).ok());
  ASSERT_EQ(sink.rejects().size(), 4u);
  for (const auto& reject : sink.rejects()) {
    EXPECT_EQ(reject.reason.find(cpr), std::string::npos) << reject.reason;
    EXPECT_EQ(reject.reason.find("Fake"), std::string::npos) << reject.reason;
    EXPECT_EQ(reject.raw.rfind(cpr, 0), 0u);  // the raw row goes to quarantine as read
  }
  for (const auto& line : run.args.logLines()) EXPECT_EQ(line.find(cpr), std::string::npos);
}

}  // namespace
}  // namespace brobyg::csv
