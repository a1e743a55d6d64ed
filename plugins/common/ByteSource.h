// Where the tokeniser gets its bytes from: a file (hashing as it goes) or, in tests, memory.
#pragma once

#include <cstddef>
#include <cstdint>

namespace brobyg::files {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Copies up to `capacity` bytes into `buffer`; 0 means end of input.
  virtual size_t read(char* buffer, size_t capacity) = 0;
};

// A source that can go back, so that a grown file's header is read again before its new part.
class SeekableSource : public ByteSource {
 public:
  // The next read() starts at `offset` bytes from the start.
  virtual void seek(std::uint64_t offset) = 0;
};

}  // namespace brobyg::files
