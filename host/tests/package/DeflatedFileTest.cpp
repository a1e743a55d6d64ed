#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "TestSupport.h"
#include "package/DeflatedFile.h"
#include "package/ZipCheck.h"
#include "package/ZipWriter.h"
#include "util/AtomicFile.h"
#include "util/Error.h"
#include "util/Sha256.h"

namespace brobyg::package {
namespace {
using test::TempDir;

constexpr std::time_t kTimestamp = 1717243200;  // 2024-06-01T12:00:00Z

// A ZIP of the one entry `data.csv`, made by `add`.
template <typename Add>
std::string zipOf(const std::string& path, int threads, Add add) {
  {
    AtomicFile out(path);
    ZipWriter zip(out, {kTimestamp, false, threads});
    add(zip);
    zip.finish();
    out.commit();
  }
  return readFile(path);
}

// Writes `csv` through a DeflatedFile in pieces of an awkward size.
ZipEntryDigest deflateInPieces(const std::string& csv, const std::string& path, int level,
                               int threads) {
  DeflatedFile file(path, level, threads);
  for (std::size_t pos = 0; pos < csv.size(); pos += 70001)
    file.write(csv.data() + pos, std::min<std::size_t>(70001, csv.size() - pos));
  EXPECT_EQ(file.commit(), csv.size());
  return file.digest();
}

}  // namespace

// The point of DeflatedFile: packaging copies its stream, and the ZIP is the one the writer
// would have made from the plain file, byte for byte, whatever the threads on either side.
TEST(DeflatedFile, MakesTheZipThatZippingThePlainFileMakesWhateverTheThreads) {
  TempDir dir;
  const std::string csvPath = dir.file("data.csv");
  test::writeSampleCsv(csvPath, 3 * 1024 * 1024 + 17);
  const std::string csv = readFile(csvPath);
  for (int level : {1, 6}) {
    const std::string plain = zipOf(
        dir.file("plain.zip"), 2, [&](ZipWriter& zip) { zip.addFile("data.csv", csvPath, level); });
    for (int threads : {1, 2}) {
      SCOPED_TRACE("level " + std::to_string(level) + ", threads " + std::to_string(threads));
      const std::string stream = dir.file("data.csv.deflated");
      const ZipEntryDigest digest = deflateInPieces(csv, stream, level, threads);
      EXPECT_EQ(digest.size, csv.size());
      EXPECT_EQ(digest.sha256, Sha256::hexOf(csv));
      EXPECT_EQ(digest.compressedSize, std::filesystem::file_size(stream));
      const std::string zipPath = dir.file("copied.zip");
      std::vector<WrittenEntry> written;
      const std::string copied = zipOf(zipPath, threads, [&](ZipWriter& zip) {
        zip.addDeflated("data.csv", stream, digest, level);
        written = zip.written();
      });
      EXPECT_TRUE(copied == plain);
      EXPECT_NO_THROW(checkWrittenZip(zipPath, written));
    }
  }
}

TEST(DeflatedFile, AnEmptyFileIsAnEmptyEntry) {
  TempDir dir;
  const ZipEntryDigest digest = deflateInPieces("", dir.file("empty.deflated"), 1, 2);
  EXPECT_EQ(digest.size, 0u);
  EXPECT_EQ(digest.sha256, Sha256::hexOf(""));
  const std::string empty = dir.file("empty");
  writeFileAtomically(empty, "");
  EXPECT_TRUE(zipOf(dir.file("a.zip"), 1, [&](ZipWriter& zip) {
                zip.addDeflated("data.csv", dir.file("empty.deflated"), digest, 1);
              }) == zipOf(dir.file("b.zip"), 1, [&](ZipWriter& zip) {
                zip.addFile("data.csv", empty, 1);
              }));
}

TEST(DeflatedFile, LeavesNothingWhenNotCommitted) {
  TempDir dir;
  {
    DeflatedFile file(dir.file("gone.deflated"), 1, 2);
    file.write("a,b\r\n", 5);
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

// A stream that is not the length DeflatedFile reported (cut, or another file) never becomes
// an entry.
TEST(DeflatedFile, AStreamOfAnotherLengthIsRefused) {
  TempDir dir;
  const std::string stream = dir.file("data.csv.deflated");
  ZipEntryDigest digest = deflateInPieces(std::string(100000, 'x'), stream, 1, 1);
  digest.compressedSize += 1;
  AtomicFile out(dir.file("out.zip"));
  ZipWriter zip(out, {kTimestamp, false, 1});
  EXPECT_THROW(zip.addDeflated("data.csv", stream, digest, 1), Error);
  EXPECT_THROW(zip.addDeflated("other.csv", stream, digest, 0), Error);
}

}  // namespace brobyg::package
