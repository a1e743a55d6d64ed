// state/GenerationFile: the record files the row digests and absence_summary's store share.
#include "state/GenerationFile.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "TempDir.h"
#include "util/Error.h"

namespace fs = std::filesystem;
using namespace brobyg::state;
using brobyg::Error;
using brobyg::test::TempDir;

namespace {

// Records of 24 bytes holding `value` big-endian in their last four bytes (so byte order is
// numeric order), written behind `header`.
std::string writeRecords(const TempDir& dir, const std::string& name,
                         const std::vector<unsigned>& values, const std::string& header = "") {
  const std::string path = dir.file(name);
  RecordFileWriter writer(path, 24, header);
  for (unsigned v : values) {
    unsigned char record[24] = {};
    record[20] = static_cast<unsigned char>(v >> 24);
    record[21] = static_cast<unsigned char>(v >> 16);
    record[22] = static_cast<unsigned char>(v >> 8);
    record[23] = static_cast<unsigned char>(v);
    writer.add(record);
  }
  EXPECT_EQ(writer.commit(), header.size() + 24 * values.size());
  return path;
}

std::vector<unsigned> readAll(RecordFileReader& reader) {
  std::vector<unsigned> values;
  while (const unsigned char* r = reader.next())
    values.push_back((unsigned{r[20]} << 24) | (unsigned{r[21]} << 16) | (unsigned{r[22]} << 8) |
                     r[23]);
  return values;
}

std::string errorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(GenerationFile, RecordsComeBackAcrossManyBuffersAfterTheHeader) {
  TempDir dir;
  std::vector<unsigned> values;
  for (unsigned v = 0; v < 10000; ++v) values.push_back(v * 3);  // 240 KB: several refills
  const std::string path = writeRecords(dir, "1.records", values, "HEADER");
  RecordFileReader reader(path, 6, fs::file_size(path) - 6, 24, RecordOrder::StrictlyAscending,
                          "test records");
  EXPECT_EQ(readAll(reader), values);
}

TEST(GenerationFile, TheOrderIsCheckedAcrossABufferBoundary) {
  TempDir dir;
  // 2730 records fill the first 64 KiB buffer; the next one, the first of the second buffer,
  // repeats the last of the first.
  std::vector<unsigned> values;
  for (unsigned v = 0; v < 2730; ++v) values.push_back(v);
  values.push_back(2729);
  values.push_back(5000);
  const std::string path = writeRecords(dir, "run", values);
  RecordFileReader ascending(path, 0, fs::file_size(path), 24, RecordOrder::Ascending, "records");
  EXPECT_EQ(readAll(ascending), values) << "a repeat is allowed in a spilled run";
  RecordFileReader strict(path, 0, fs::file_size(path), 24, RecordOrder::StrictlyAscending,
                          "test records");
  const std::string error = errorOf([&] { readAll(strict); });
  EXPECT_NE(error.find(path + ": the test records are not in ascending order"), std::string::npos)
      << error;

  const std::string down = writeRecords(dir, "down", {1, 3, 2});
  RecordFileReader any(down, 0, 72, 24, RecordOrder::Any, "records");
  EXPECT_EQ(readAll(any), (std::vector<unsigned>{1, 3, 2}));
  RecordFileReader sorted(down, 0, 72, 24, RecordOrder::Ascending, "records");
  EXPECT_THROW(readAll(sorted), Error);
}

TEST(GenerationFile, APartialRecordOrAShortFileIsAnErrorNamingTheFile) {
  TempDir dir;
  const std::string path = writeRecords(dir, "short", {1, 2});
  std::string error =
      errorOf([&] { RecordFileReader(path, 0, 47, 24, RecordOrder::Any, "digests"); });
  EXPECT_NE(error.find(path + ": not a whole number of digests"), std::string::npos) << error;
  RecordFileReader longer(path, 0, 72, 24, RecordOrder::Any, "digests");
  error = errorOf([&] { readAll(longer); });
  EXPECT_NE(error.find("shorter than committed"), std::string::npos) << error;
}

TEST(GenerationFile, CheckCommittedRefusesAMissingOrResizedFile) {
  TempDir dir;
  const std::string path = writeRecords(dir, "7.records", {1});
  EXPECT_NO_THROW(checkCommitted(path, 24, "rows could be sent twice"));
  std::string error = errorOf([&] { checkCommitted(path, 48, "rows could be sent twice"); });
  EXPECT_NE(error.find(path + ": is not the size that was committed; rows could be sent twice"),
            std::string::npos)
      << error;
  fs::remove(path);
  error = errorOf([&] { checkCommitted(path, 24, "rows could be sent twice"); });
  EXPECT_NE(error.find(path + ": is missing"), std::string::npos) << error;
}

TEST(GenerationFile, OtherGenerationsOfThePrefixAreRemovedAndTheRestStays) {
  TempDir dir;
  const std::string folder = dir.file("store");
  ensureDurableFolder(folder);
  for (const char* name : {"a.1.digests", "a.2.digests", "ab.1.digests", "b.1.digests"})
    writeRecords(dir, std::string("store/") + name, {1});
  removeOtherGenerations(folder, "a.", "a.2.digests");
  EXPECT_FALSE(fs::exists(folder + "/a.1.digests"));
  EXPECT_TRUE(fs::exists(folder + "/a.2.digests"));
  EXPECT_TRUE(fs::exists(folder + "/ab.1.digests"));
  EXPECT_TRUE(fs::exists(folder + "/b.1.digests"));
  removeOtherGenerations(dir.file("none"), "", "");  // no folder: nothing to do
  removeGeneration(folder + "/b.1.digests");
  EXPECT_FALSE(fs::exists(folder + "/b.1.digests"));
}

TEST(GenerationFile, AWriterDestroyedWithoutCommitLeavesNoFile) {
  TempDir dir;
  {
    RecordFileWriter writer(dir.file("9.records"), 24, "H");
    unsigned char record[24] = {};
    writer.add(record);
  }
  EXPECT_FALSE(fs::exists(dir.file("9.records")));
}
