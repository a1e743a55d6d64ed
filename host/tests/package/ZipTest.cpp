#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "TestSupport.h"
#include "package/ZipFormat.h"
#include "package/ZipReader.h"
#include "package/ZipWriter.h"
#include "util/AtomicFile.h"
#include "util/Error.h"
#include "util/Sha256.h"

namespace brobyg::package {
namespace {
using test::TempDir;

constexpr std::time_t kTimestamp = 1717243200;  // 2024-06-01T12:00:00Z

std::string readEntry(ZipReader& reader, const std::string& name) {
  const ZipEntryInfo* entry = reader.find(name);
  if (entry == nullptr) throw Error("no entry " + name);
  std::string text;
  reader.read(*entry, [&](const char* d, std::size_t n) { text.append(d, n); });
  return text;
}

struct Written {
  std::string zip;
  std::string csv;
  std::uint64_t csvRows = 0;
};

Written writeSample(const TempDir& dir, bool forceZip64, int level) {
  Written w{dir.file("out.zip"), dir.file("data.csv"), 0};
  test::writeSampleCsv(w.csv, 3 * 1024 * 1024 + 17, &w.csvRows);
  AtomicFile out(w.zip);
  ZipWriter zip(out, {kTimestamp, forceZip64});
  ZipEntryDigest digest = zip.addFile("data/absence_event.csv", w.csv, level);
  EXPECT_EQ(digest.sha256, Sha256::hexOfFile(w.csv));
  EXPECT_EQ(digest.size, test::fileSize(w.csv));
  if (level > 0) {
    EXPECT_LT(digest.compressedSize, digest.size);
  }
  zip.addBytes("empty.txt", "", level);
  zip.addBytes("codebook.xml", "<codebook>æøå</codebook>", 0);
  zip.finish();
  out.commit();
  return w;
}

class ZipRoundTrip : public ::testing::TestWithParam<std::tuple<bool, int>> {};

TEST_P(ZipRoundTrip, OurReaderAndStockUnzipAcceptIt) {
  auto [forceZip64, level] = GetParam();
  TempDir dir;
  Written w = writeSample(dir, forceZip64, level);

  ZipReader reader(w.zip);
  ASSERT_EQ(reader.entries().size(), 3u);
  const ZipEntryInfo* data = reader.find("data/absence_event.csv");
  ASSERT_NE(data, nullptr);
  EXPECT_EQ(data->method, level == 0 ? 0 : 8);
  EXPECT_EQ(reader.sha256(*data), Sha256::hexOfFile(w.csv));
  EXPECT_EQ(readEntry(reader, "empty.txt"), "");
  EXPECT_EQ(readEntry(reader, "codebook.xml"), "<codebook>æøå</codebook>");

  // unzip and zipinfo, Linux programs here, read the archive independently.
#ifndef _WIN32
  ASSERT_TRUE(test::haveTool("unzip"));
  EXPECT_EQ(test::run("unzip -tq " + w.zip + " >/dev/null"), 0);
  EXPECT_EQ(test::run("cd " + dir.path() +
                      " && unzip -q out.zip -d x && cmp x/data/absence_event.csv " + w.csv),
            0);
  if (forceZip64) {
    // zipinfo decodes the ZIP64 extra fields that forceZip64 writes.
    EXPECT_EQ(test::run("zipinfo -v " + w.zip + " | grep -q 'PKWARE 64-bit sizes'"), 0);
  }
#endif
}

INSTANTIATE_TEST_SUITE_P(Modes, ZipRoundTrip,
                         ::testing::Combine(::testing::Bool(),
                                            ::testing::Values(0, 1, 2, 3, 4, 6, 9)));

TEST(ZipWriter, OutputIsReproducible) {
  TempDir a, b;
  Written wa = writeSample(a, false, 6);
  Written wb = writeSample(b, false, 6);
  EXPECT_EQ(Sha256::hexOfFile(wa.zip), Sha256::hexOfFile(wb.zip));
}

TEST(ZipWriter, MoreThan65535EntriesUseZip64EndRecords) {
  TempDir dir;
  const std::string path = dir.file("many.zip");
  const std::size_t count = 70000;
  {
    AtomicFile out(path);
    ZipWriter zip(out, {kTimestamp, false});
    for (std::size_t i = 0; i < count; ++i)
      zip.addBytes("e/" + std::to_string(i), std::to_string(i * 7), i % 2 == 0 ? 0 : 1);
    zip.finish();
    out.commit();
  }
  ZipReader reader(path);
  ASSERT_EQ(reader.entries().size(), count);
  EXPECT_EQ(readEntry(reader, "e/69999"), std::to_string(69999 * 7));
  // unzip is a Linux program here.
#ifndef _WIN32
  EXPECT_EQ(test::run("unzip -tq " + path + " >/dev/null"), 0);
#endif
}

// A real entry above 4 GiB (sparse input, deflated to almost nothing). Takes about a minute,
// so it runs only with BROBYG_SLOW_TESTS=1.
TEST(ZipWriter, EntryLargerThan4GiB) {
  if (std::getenv("BROBYG_SLOW_TESTS") == nullptr) GTEST_SKIP() << "set BROBYG_SLOW_TESTS=1";
  TempDir dir;
  const std::string big = dir.file("sparse.bin");
  const std::uint64_t size = (1ull << 32) + 12345;
  test::writeText(big, "start");
  std::filesystem::resize_file(big, size);
  const std::string path = dir.file("big.zip");
  ZipEntryDigest digest;
  {
    AtomicFile out(path);
    ZipWriter zip(out, {kTimestamp, false});
    zip.addBytes("before.txt", "small", 0);
    digest = zip.addFile("sparse.bin", big, 1);
    zip.addBytes("after.txt", "small", 0);
    zip.finish();
    out.commit();
  }
  EXPECT_EQ(digest.size, size);
  ZipReader reader(path);
  const ZipEntryInfo* entry = reader.find("sparse.bin");
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->size, size);
  EXPECT_EQ(reader.sha256(*entry), digest.sha256);
  EXPECT_EQ(readEntry(reader, "after.txt"), "small");
  // unzip is a Linux program here.
#ifndef _WIN32
  EXPECT_EQ(test::run("unzip -tq " + path + " >/dev/null"), 0);
#endif
}

TEST(ZipWriter, RefusesBadNamesLevelsAndDuplicates) {
  TempDir dir;
  AtomicFile out(dir.file("bad.zip"));
  ZipWriter zip(out, {kTimestamp, false});
  EXPECT_THROW(zip.addBytes("../x", "a", 0), Error);
  EXPECT_THROW(zip.addBytes("/etc/x", "a", 0), Error);
  EXPECT_THROW(zip.addBytes("a\\b", "a", 0), Error);
  EXPECT_THROW(zip.addBytes("a", "a", 10), Error);
  zip.addBytes("a", "a", 0);
  EXPECT_THROW(zip.addBytes("a", "b", 0), Error);
  EXPECT_THROW(zip.addFile("b", dir.file("missing"), 6), Error);
}

TEST(ZipFormat, SafeEntryNames) {
  using zip::isSafeEntryName;
  EXPECT_TRUE(isSafeEntryName("absence_event.csv"));
  EXPECT_TRUE(isSafeEntryName("data/absence_event.csv"));
  EXPECT_FALSE(isSafeEntryName(""));
  EXPECT_FALSE(isSafeEntryName(".."));
  EXPECT_FALSE(isSafeEntryName("a/../../b"));
  EXPECT_FALSE(isSafeEntryName("/abs"));
  EXPECT_FALSE(isSafeEntryName("a\\b"));
  EXPECT_FALSE(isSafeEntryName("c:x"));
  EXPECT_FALSE(isSafeEntryName("a//b"));
  EXPECT_FALSE(isSafeEntryName("dir/"));
}

// Writes a ZIP with one stored entry under any name, as a hostile producer could.
std::string hostileZip(const TempDir& dir, const std::string& name) {
  std::string path = dir.file("hostile.zip");
  std::string body = "pwned";
  std::uint32_t crc = 0;
  {
    // CRC-32 of "pwned" via our own writer, read back from its central directory.
    AtomicFile out(dir.file("probe.zip"));
    ZipWriter zip(out, {kTimestamp, false});
    crc = zip.addBytes("probe", body, 0).crc32;
    zip.finish();
    out.commit();
  }
  std::string z;
  using namespace zip;
  put32(z, kLocalHeaderSig);
  put16(z, 20);
  put16(z, 0);
  put16(z, 0);
  put16(z, 0);
  put16(z, 0);
  put32(z, crc);
  put32(z, 5);
  put32(z, 5);
  put16(z, static_cast<std::uint16_t>(name.size()));
  put16(z, 0);
  z += name + body;
  std::uint32_t cd = static_cast<std::uint32_t>(z.size());
  put32(z, kCentralHeaderSig);
  put16(z, 20);
  put16(z, 20);
  put16(z, 0);
  put16(z, 0);
  put16(z, 0);
  put16(z, 0);
  put32(z, crc);
  put32(z, 5);
  put32(z, 5);
  put16(z, static_cast<std::uint16_t>(name.size()));
  put16(z, 0);
  put16(z, 0);
  put16(z, 0);
  put16(z, 0);
  put32(z, 0);
  put32(z, 0);
  z += name;
  std::uint32_t cdSize = static_cast<std::uint32_t>(z.size()) - cd;
  put32(z, kEndOfCentralDirSig);
  put16(z, 0);
  put16(z, 0);
  put16(z, 1);
  put16(z, 1);
  put32(z, cdSize);
  put32(z, cd);
  put16(z, 0);
  test::writeText(path, z);
  return path;
}

TEST(ZipReader, RefusesToExtractPathTraversal) {
  TempDir dir;
  for (const std::string name : {"../evil.txt", "/tmp/evil.txt", "a\\..\\evil.txt"}) {
    ZipReader reader(hostileZip(dir, name));
    ASSERT_EQ(reader.entries().size(), 1u);
    EXPECT_EQ(reader.sha256(reader.entries()[0]), Sha256::hexOf("pwned"));
    EXPECT_THROW(reader.extractTo(reader.entries()[0], dir.file("out")), Error) << name;
  }
  EXPECT_FALSE(test::exists(dir.path() + "/../evil.txt"));
}

TEST(ZipReader, DetectsCorruptedData) {
  TempDir dir;
  Written w = writeSample(dir, false, 0);
  {
    std::fstream f(w.zip, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(1000);
    char c = 0;
    f.read(&c, 1);
    f.seekp(1000);
    c = static_cast<char>(c ^ 0x01);
    f.write(&c, 1);
  }
  ZipReader reader(w.zip);
  const ZipEntryInfo* data = reader.find("data/absence_event.csv");
  ASSERT_NE(data, nullptr);
  EXPECT_THROW(reader.sha256(*data), Error);
  EXPECT_THROW(reader.extractTo(*data, dir.file("out")), Error);
  EXPECT_FALSE(test::exists(dir.file("out/data/absence_event.csv")));
}

TEST(ZipReader, RefusesBytesAfterTheArchive) {
  TempDir dir;
  Written w = writeSample(dir, false, 0);
  EXPECT_NO_THROW(ZipReader{w.zip});
  std::ofstream(w.zip, std::ios::app | std::ios::binary) << "appended";
  try {
    ZipReader reader(w.zip);
    FAIL() << "appended bytes accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("bytes after the end"), std::string::npos) << e.what();
  }
}

TEST(ZipReader, RejectsNonZip) {
  TempDir dir;
  test::writeText(dir.file("x.zip"), "this is not a zip file at all, not even close");
  EXPECT_THROW(ZipReader(dir.file("x.zip")), Error);
}

}  // namespace
}  // namespace brobyg::package
