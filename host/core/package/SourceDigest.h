#pragma once

// The SHA-256 (for the manifest) and CRC-32 (for the ZIP) of an entry's source bytes, taken
// in one pass. With `beside` the pass runs on a thread of its own while the caller deflates
// and writes the same bytes: SHA-256 is sequential, and on the caller's thread it was the
// slowest part of zipping once deflate ran on two threads. `also`, if set, gets every piece
// of the source bytes in the same pass, after the hashes (DeflatedFile deflates them there).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "util/BatchWorker.h"
#include "util/Sha256.h"

namespace brobyg::package {

class SourceDigest {
 public:
  using Consumer = std::function<void(const char* data, std::size_t size)>;
  SourceDigest(std::size_t bufferSize, bool beside, Consumer also = {});
  ~SourceDigest();
  SourceDigest(const SourceDigest&) = delete;
  SourceDigest& operator=(const SourceDigest&) = delete;

  // Where the caller reads the next bytes into (bufferSize of them).
  char* buffer() { return chunk_.bytes.data(); }
  std::size_t bufferSize() const { return chunk_.bytes.size(); }
  // The first `size` bytes of buffer() are the next source bytes; buffer() may move.
  void take(std::size_t size);
  // After the last take(): waits for the pass. Throws what it failed with.
  void finish();

  std::uint64_t size() const { return size_; }
  std::uint32_t crc32() const { return crc_; }  // after finish()
  std::string sha256Hex();                      // after finish(), once

 private:
  struct Chunk {
    std::vector<char> bytes;
    std::size_t used = 0;
    void clear() { used = 0; }
  };
  void absorb(const Chunk& chunk);

  const std::size_t bufferSize_;
  Consumer also_;
  Chunk chunk_;
  Sha256 sha_;
  std::uint32_t crc_ = 0;
  std::uint64_t size_ = 0;
  std::unique_ptr<BatchWorker<Chunk>> worker_;  // last: joined before the rest goes
};

}  // namespace brobyg::package
