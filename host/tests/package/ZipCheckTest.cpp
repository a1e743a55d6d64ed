#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "TestSupport.h"
#include "package/ZipCheck.h"
#include "package/ZipWriter.h"
#include "util/AtomicFile.h"
#include "util/Error.h"

namespace brobyg::package {
namespace {
using test::TempDir;

struct Archive {
  std::string path;
  std::vector<WrittenEntry> written;
};

// A CSV of about 1 MiB, an empty entry and a small stored one, and what the writer wrote.
Archive writeArchive(const TempDir& dir, int level) {
  Archive a{dir.file("out.zip"), {}};
  const std::string csv = dir.file("data.csv");
  test::writeSampleCsv(csv, 1024 * 1024 + 3);
  AtomicFile out(a.path);
  ZipWriter zip(out, {1717243200, false});
  zip.addFile("absence_event.csv", csv, level);
  zip.addBytes("empty.txt", "", level);
  zip.addBytes("manifest.xml", "<manifest/>", 0);
  zip.finish();
  a.written = zip.written();
  out.commit();
  return a;
}

void flipByteAt(const std::string& path, std::uint64_t offset) {
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekg(static_cast<std::streamoff>(offset));
  char c = 0;
  f.get(c);
  f.seekp(static_cast<std::streamoff>(offset));
  f.put(static_cast<char>(c ^ 0x20));
}

TEST(ZipCheck, TheWriterListsEveryEntryInOrderWithItsSize) {
  TempDir dir;
  const Archive a = writeArchive(dir, 1);
  ASSERT_EQ(a.written.size(), 3u);
  EXPECT_EQ(a.written[0].name, "absence_event.csv");
  EXPECT_EQ(a.written[1].name, "empty.txt");
  EXPECT_EQ(a.written[2].name, "manifest.xml");
  EXPECT_EQ(a.written[1].size, 0u);
  EXPECT_EQ(a.written[2].size, std::string("<manifest/>").size());
  EXPECT_EQ(a.written[1].crc32, 0u) << "the CRC-32 of no bytes";
  EXPECT_EQ(a.written[0].size, std::filesystem::file_size(dir.file("data.csv")));
}

class ZipCheckLevels : public ::testing::TestWithParam<int> {};

TEST_P(ZipCheckLevels, AcceptsTheArchiveAsWritten) {
  TempDir dir;
  Archive a = writeArchive(dir, GetParam());
  EXPECT_NO_THROW(checkWrittenZip(a.path, a.written));
}

TEST_P(ZipCheckLevels, RefusesAFlippedByteInsideTheData) {
  TempDir dir;
  Archive a = writeArchive(dir, GetParam());
  // The CSV entry is first and fills most of the file: its data lies at a third of it.
  flipByteAt(a.path, test::fileSize(a.path) / 3);
  EXPECT_THROW(checkWrittenZip(a.path, a.written), Error);
}

TEST_P(ZipCheckLevels, RefusesACutFile) {
  TempDir dir;
  Archive a = writeArchive(dir, GetParam());
  std::filesystem::resize_file(a.path, test::fileSize(a.path) - 30);
  EXPECT_THROW(checkWrittenZip(a.path, a.written), Error);
}

INSTANTIATE_TEST_SUITE_P(StoreFastAndDefault, ZipCheckLevels, ::testing::Values(0, 1, 6));

TEST(ZipCheck, RefusesAnEntryWhoseSourceBytesHadAnotherCrc) {
  TempDir dir;
  Archive a = writeArchive(dir, 1);
  a.written[0].crc32 ^= 1;
  try {
    checkWrittenZip(a.path, a.written);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("absence_event.csv differs"), std::string::npos)
        << e.what();
  }
}

TEST(ZipCheck, RefusesAnotherSize) {
  TempDir dir;
  Archive a = writeArchive(dir, 1);
  a.written[2].size += 1;
  EXPECT_THROW(checkWrittenZip(a.path, a.written), Error);
}

TEST(ZipCheck, RefusesAMissingOrAnExtraEntry) {
  TempDir dir;
  Archive a = writeArchive(dir, 1);
  std::vector<WrittenEntry> fewer(a.written.begin(), a.written.end() - 1);
  EXPECT_THROW(checkWrittenZip(a.path, fewer), Error);  // the archive has one more
  std::vector<WrittenEntry> renamed = a.written;
  renamed[1].name = "other.txt";
  EXPECT_THROW(checkWrittenZip(a.path, renamed), Error);  // empty.txt is not expected
}

}  // namespace
}  // namespace brobyg::package
