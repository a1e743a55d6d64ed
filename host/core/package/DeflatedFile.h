#pragma once

// A dataset file deflated while it is written (issue 18): the raw deflate stream that
// ZipWriter would make of the same bytes at the same level (BlockDeflater: the same blocks,
// and so the same bytes, for any number of threads), with the size, CRC-32 and SHA-256 of the
// bytes before deflate. Packaging then copies the stream into the ZIP
// (ZipWriter::addDeflated) instead of reading, deflating and hashing the file again, and the
// work folder gets a third of the bytes, which in this virtual machine cost more to write
// than to deflate (bench/README.md).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "package/BlockDeflater.h"
#include "package/SourceDigest.h"
#include "package/ZipWriter.h"
#include "util/AtomicFile.h"
#include "util/ByteSink.h"

namespace brobyg::package {

class DeflatedFile final : public ByteSink {
 public:
  // `level` 1-9. `threads` 1: everything on the caller's thread. More: the hashes, the feeding
  // of the deflater and the writing of the file run on a thread of their own, and blocks are
  // compressed on `threads` more, so that the writer's thread only copies its chunks.
  // The file is scratch (Durability::Scratch): a crashed run writes it again.
  DeflatedFile(const std::string& target, int level, int threads);
  ~DeflatedFile() override;
  DeflatedFile(const DeflatedFile&) = delete;
  DeflatedFile& operator=(const DeflatedFile&) = delete;

  void write(const char* data, std::size_t size) override;
  // Ends the stream and renames the file into place; returns the bytes before deflate.
  std::uint64_t commit() override;
  const std::string& target() const override { return file_.target(); }
  int level() const { return level_; }
  // After commit(): sizes, CRC-32 and SHA-256, for ZipWriter::addDeflated.
  const ZipEntryDigest& digest() const { return digest_; }

 private:
  void emit(const char* data, std::size_t size) { file_.write(data, size); }

  const int level_;
  AtomicFile file_;
  std::unique_ptr<BlockDeflater> deflater_;  // its blocks and threads go at commit()
  ZipEntryDigest digest_;
  std::size_t filled_ = 0;  // bytes of source_->buffer() not yet taken
  // Last: its thread, which feeds deflater_ and writes file_, stops before they go. Released
  // at commit() too, so that a finished file holds no memory while the run goes on.
  std::unique_ptr<SourceDigest> source_;
};

}  // namespace brobyg::package
