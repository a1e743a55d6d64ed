// The shared pull loop with a reader that records what it was given: files picked once,
// changed files read whole, grown files offered to readGrown, links and young files left.
#include "common/FilePicker.h"

#include <common/testing/TestFiles.hpp>
#include <testing/CapturingSink.hpp>
#include <testing/PluginHarness.hpp>

#include <testing/StandardDatasets.hpp>

#include <gtest/gtest.h>

#include <filesystem>

namespace brobyg::files {
namespace {

namespace fs = std::filesystem;

constexpr CursorFormat kFormat{"test", "brobyg-test-cursor 1", ""};

// Delivers one row per file (its label) and notes how each file was read.
class RecordingReader : public FileReader {
 public:
  FileDone readWhole(HashingFile& file, const std::string& label,
                     const sdk::RowSink& sink) override {
    calls.push_back("whole " + label + " " + drain(file));
    return deliver(label, sink);
  }
  std::optional<FileDone> readGrown(HashingFile& file, const std::string& label,
                                    const ProcessedFiles::Entry& known,
                                    const sdk::RowSink& sink) override {
    if (!resumeGrown) return std::nullopt;
    calls.push_back("grown " + label + " from " + std::to_string(known.size) + " " + drain(file));
    return deliver(label, sink);
  }

  bool resumeGrown = false;
  std::vector<std::string> calls;

 private:
  static std::string drain(HashingFile& file) {
    std::string bytes;
    char buffer[64];
    for (size_t n; (n = file.read(buffer, sizeof buffer)) > 0;) bytes.append(buffer, n);
    return bytes;
  }
  static FileDone deliver(const std::string& label, const sdk::RowSink& sink) {
    const brobyg_str value{label.data(), label.size()};
    const bool accepted = sink.row(&value, 1, label.c_str());
    return {accepted, ReadPosition{0, 1}, "read"};
  }
};

struct Fixture {
  explicit Fixture(const std::string& name, const std::string& minAge = "0s")
      : dir(filetest::freshDirectory("picker", name)),
        args({{"directory", dir.string()}, {"min_file_age", minAge}},
             brobyg::testing::datasets::caseEvent()),
        context(args.abi()),
        picker(FileSettings::fromSettings(context.settings(), "*.xml"), kFormat, context) {}
  ~Fixture() { fs::remove_all(dir); }

  void write(const std::string& name, const std::string& bytes) const {
    filetest::writeFile(dir / name, bytes);
  }
  std::optional<std::string> pull(const std::optional<std::string>& cursor,
                                  testing::CapturingSink& sink) {
    picker.pull(cursor, sdk::RowSink(sink.abi()), reader);
    return sink.lastCursor() ? sink.lastCursor() : cursor;
  }

  fs::path dir;
  testing::CreateArgs args;
  sdk::Context context;
  FilePicker picker;
  RecordingReader reader;
};

TEST(FilePicker, PicksEachFileOnceAndAChangedOneWhole) {
  Fixture f("once");
  f.write("b.xml", "bbb");
  f.write("a.xml", "aaa");
  f.write("c.txt", "not picked");
  testing::CapturingSink first;
  const auto cursor = f.pull(std::nullopt, first);
  EXPECT_EQ(f.reader.calls, (std::vector<std::string>{"whole a.xml aaa", "whole b.xml bbb"}));
  EXPECT_EQ(first.cursors().size(), 2u);
  ASSERT_TRUE(cursor);
  EXPECT_EQ(cursor->rfind("brobyg-test-cursor 1\n", 0), 0u);

  testing::CapturingSink second;
  f.reader.calls.clear();
  f.pull(cursor, second);
  EXPECT_TRUE(f.reader.calls.empty());
  EXPECT_TRUE(second.cursors().empty());

  f.write("a.xml", "axa");  // same size, other bytes
  testing::CapturingSink third;
  f.pull(cursor, third);
  EXPECT_EQ(f.reader.calls, (std::vector<std::string>{"whole a.xml axa"}));
}

TEST(FilePicker, GrownFileGoesToReadGrownOrIsReadWhole) {
  Fixture f("grown");
  f.write("a.xml", "abc");
  testing::CapturingSink first;
  const auto cursor = f.pull(std::nullopt, first);
  f.write("a.xml", "abcdef");
  f.reader.calls.clear();
  testing::CapturingSink whole;
  f.pull(cursor, whole);  // the default reader cannot read on: read whole
  EXPECT_EQ(f.reader.calls, (std::vector<std::string>{"whole a.xml abcdef"}));

  f.reader.resumeGrown = true;
  f.reader.calls.clear();
  testing::CapturingSink grown;
  f.pull(cursor, grown);
  EXPECT_EQ(f.reader.calls, (std::vector<std::string>{"grown a.xml from 3 def"}));

  f.write("a.xml", "xbcdef");  // grown, but the recorded bytes changed: whole
  f.reader.calls.clear();
  testing::CapturingSink changed;
  f.pull(cursor, changed);
  EXPECT_EQ(f.reader.calls, (std::vector<std::string>{"whole a.xml xbcdef"}));
}

TEST(FilePicker, AStoppedFileIsNotRecorded) {
  Fixture f("stop");
  f.write("a.xml", "a");
  f.write("b.xml", "b");
  testing::CapturingSink sink;
  sink.stopAfter(1);
  f.pull(std::nullopt, sink);
  ASSERT_EQ(sink.cursors().size(), 1u);  // a.xml only
  EXPECT_EQ(sink.lastCursor()->find("b.xml"), std::string::npos);
}

TEST(FilePicker, SkipsLinksAndYoungFilesAndRefusesAForeignCursor) {
  Fixture f("links", "1h");
  f.write("a.xml", "a");
  fs::create_symlink(f.dir / "a.xml", f.dir / "link.xml");
  testing::CapturingSink sink;
  f.pull(std::nullopt, sink);
  EXPECT_TRUE(f.reader.calls.empty());  // a.xml is young, the link is a link
  bool warned = false;
  for (const std::string& line : f.args.logLines())
    warned |= line == "test: file 'link.xml' is a symbolic link; skipped (setting follow_symlinks)";
  EXPECT_TRUE(warned);
  fs::last_write_time(f.dir / "a.xml", fs::file_time_type::clock::now() - std::chrono::hours(2));
  testing::CapturingSink later;
  f.pull(std::nullopt, later);
  EXPECT_EQ(f.reader.calls, (std::vector<std::string>{"whole a.xml a"}));
  EXPECT_THROW(f.pull(std::string("brobyg-csv-cursor 2\n"), later), sdk::Error);
}

TEST(FileSettings, ParsesAndRefusesByName) {
  testing::CreateArgs args({{"directory", "/x"}, {"min_file_age", "5"}}, nullptr);
  const sdk::Context context(args.abi());
  try {
    FileSettings::fromSettings(context.settings(), "*.xml");
    ADD_FAILURE() << "a duration without its unit was taken";
  } catch (const sdk::Error& e) {
    EXPECT_STREQ(e.what(), "setting min_file_age: expected a duration such as 30s, 5m, 2h or 1d");
  }
  EXPECT_EQ(parseDuration("2h"), std::chrono::hours(2));
  EXPECT_EQ(parseDuration("1d"), std::chrono::hours(24));
  testing::CreateArgs bounded({{"n", "11"}}, nullptr);
  const sdk::Context boundedContext(bounded.abi());
  EXPECT_THROW(boundedSetting(boundedContext.settings(), "n", 1, 1, 10), sdk::Error);
  EXPECT_EQ(boundedSetting(boundedContext.settings(), "n", 1, 1, 11), 11);
}

}  // namespace
}  // namespace brobyg::files
