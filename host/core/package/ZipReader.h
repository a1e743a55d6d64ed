#pragma once

#include <cstdint>
#include <fstream>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace brobyg {
class Sha256;
}

namespace brobyg::package {

struct ZipEntryInfo {
  std::string name;
  std::uint16_t method = 0;  // 0 store, 8 deflate
  std::uint16_t flags = 0;
  std::uint32_t crc32 = 0;
  std::uint64_t compressedSize = 0;
  std::uint64_t size = 0;
  std::uint64_t localHeaderOffset = 0;
};

// Reads a ZIP archive (ZIP64 included) from its central directory and streams entries out
// with fixed-size buffers, checking size and CRC-32 of every entry it reads.
class ZipReader {
 public:
  using Sink = std::function<void(const char* data, std::size_t size)>;

  // Throws brobyg::Error naming `path` when it is not a readable ZIP archive.
  explicit ZipReader(const std::string& path);

  const std::vector<ZipEntryInfo>& entries() const { return entries_; }
  const ZipEntryInfo* find(std::string_view name) const;

  // Streams the uncompressed bytes to `sink`; returns their SHA-256 (lowercase hex). Throws
  // on a CRC or size mismatch, after `sink` has seen the bad bytes: callers that keep the
  // bytes write them to a temp file (extractTo does).
  std::string read(const ZipEntryInfo& entry, const Sink& sink);
  std::string sha256(const ZipEntryInfo& entry);
  // Inflates the entry and checks its size and CRC-32 against the central directory, without
  // hashing it (the writer's re-read check: ZipCheck.h).
  void check(const ZipEntryInfo& entry);
  // Extracts into `dir`/<entry name> atomically (temp file, fsync, rename); refuses names that
  // would leave `dir` (see zip::isSafeEntryName). Returns the SHA-256 of the bytes.
  std::string extractTo(const ZipEntryInfo& entry, const std::string& dir);

 private:
  void readCentralDirectory();
  void readAt(std::uint64_t offset, void* buffer, std::size_t size);
  std::uint64_t dataOffset(const ZipEntryInfo& entry);
  // read() and check(): `sha` (may be null) sees the uncompressed bytes too.
  void stream(const ZipEntryInfo& entry, const Sink& sink, Sha256* sha);

  std::string path_;
  std::ifstream file_;
  std::uint64_t fileSize_ = 0;
  std::vector<ZipEntryInfo> entries_;
};

}  // namespace brobyg::package
