// The plugin end to end through its C descriptor: files, cursor, stop, errors.
#include "TestSupport.h"

#include <testing/CapturingSink.hpp>
#include <testing/PluginHarness.hpp>

#include <gtest/gtest.h>

#include <filesystem>

extern "C" const brobyg_plugin_descriptor* brobyg_plugin_entry(void);

namespace brobyg::csv {
namespace {

namespace fs = std::filesystem;
using testing::CapturingSink;
using testing::CreateArgs;
using testing::SettingsMap;
using testing::SourceInstance;

const std::string kHeader = "CPR-nr;Navn;Dato;Type\n";

SettingsMap settingsFor(const fs::path& dir, SettingsMap more = {}) {
  SettingsMap settings = {{"directory", dir.string()},       {"column.person", "CPR-nr"},
                          {"column.date", "Dato"},           {"column.category", "Type"},
                          {"constant.municipality", "0101"}, {"constant.school", "280123"},
                          {"value.category.Syg", "sick"}};
  for (const auto& [k, v] : more) settings[k] = v;
  return testing::withDefaults(kSettings, std::size(kSettings), settings);
}

struct Plugin {
  explicit Plugin(const SettingsMap& settings)
      : args(settings, brobyg::dataset::absenceEvent().abi()),
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
