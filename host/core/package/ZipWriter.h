#pragma once

#include <cstdint>
#include <ctime>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace brobyg {
class OutputFile;
}

namespace brobyg::package {
class BlockDeflater;
namespace detail {
class EntrySource;
}  // namespace detail

// What ZipWriter learnt about an entry while writing it.
struct ZipEntryDigest {
  std::uint64_t size = 0;            // uncompressed bytes
  std::uint64_t compressedSize = 0;  // bytes in the archive
  std::uint32_t crc32 = 0;
  std::string sha256;  // lowercase hex of the uncompressed bytes
};

// An entry as ZipWriter wrote it: its size and the CRC-32 it computed from the source bytes.
struct WrittenEntry {
  std::string name;
  std::uint64_t size = 0;
  std::uint32_t crc32 = 0;
};

struct ZipWriterOptions {
  std::time_t timestamp = 0;  // every entry gets this modification time (reproducible output)
  bool forceZip64 = false;    // ZIP64 records even where 32 bits suffice (for tests)
  // Threads that deflate an entry's blocks (BlockDeflater.h); the bytes are the same for any.
  int threads = 1;
};

// Streams a ZIP archive into `out` (a fresh file) with fixed-size buffers: store or raw
// deflate (Deflater.h: ISA-L for levels 1-3, zlib for 4-9; in independent blocks,
// BlockDeflater.h, on `threads` threads), CRC-32 and SHA-256 computed on the way,
// data descriptors after each entry, ZIP64 records where sizes, offsets or the entry count need
// them, UTF-8 names. Our own writer because Poco::Zip has no ZIP64 and had CRC bugs (CHECKLIST
// "ZIP").
class ZipWriter {
 public:
  ZipWriter(OutputFile& out, ZipWriterOptions options);
  ~ZipWriter();
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  // level 0 stores, 1-9 deflates. Throws brobyg::Error on a bad name or level, a read or
  // write failure, or a duplicate entry name.
  ZipEntryDigest addFile(const std::string& entryName, const std::string& sourcePath, int level);
  ZipEntryDigest addBytes(const std::string& entryName, std::string_view data, int level);
  // An entry deflated before (DeflatedFile): `streamPath` holds its raw deflate stream at
  // `level` (1-9), `digest` what DeflatedFile learnt. The stream is copied as it is; the
  // entry's bytes are those addFile would write for the source bytes. Throws brobyg::Error
  // when the file does not hold digest.compressedSize bytes.
  void addDeflated(const std::string& entryName, const std::string& streamPath,
                   const ZipEntryDigest& digest, int level);

  // Writes the central directory and end records. The caller then commits/closes `out`.
  void finish();

  // What was written, in order: each entry's name, size and CRC-32, computed from the source
  // bytes in the pass that took the SHA-256 (the re-read check compares against them).
  std::vector<WrittenEntry> written() const;

 private:
  struct Entry {
    std::string name;
    std::uint16_t method = 0;
    std::uint64_t offset = 0;
    bool zip64Local = false;  // ZIP64 field in the local header, 8-byte sizes in the descriptor
    ZipEntryDigest digest;
  };

  ZipEntryDigest addEntry(const std::string& entryName, detail::EntrySource& source, int level);
  // Checks the name and level, then writes the local header of an entry of `expectedSize`
  // source bytes.
  Entry beginEntry(const std::string& entryName, int level, std::uint64_t expectedSize);
  // Writes the data descriptor of an entry whose data and digest are complete, and lists it.
  void endEntry(const Entry& entry);
  void writeLocalHeader(const Entry& entry);
  void appendCentralHeader(std::string& out, const Entry& entry) const;
  void writeEnd(std::uint64_t cdOffset, std::uint64_t cdSize);

  OutputFile& out_;
  ZipWriterOptions options_;
  std::vector<Entry> entries_;
  std::unordered_set<std::string> names_;
  std::unique_ptr<BlockDeflater> deflater_;  // reused (threads too) while the level stays
  bool finished_ = false;
};

}  // namespace brobyg::package
