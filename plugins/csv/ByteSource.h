// Where the tokeniser gets its bytes from: a file (hashing as it goes) or, in tests, memory.
#pragma once

#include <cstddef>

namespace brobyg::csv {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Copies up to `capacity` bytes into `buffer`; 0 means end of input.
  virtual size_t read(char* buffer, size_t capacity) = 0;
};

}  // namespace brobyg::csv
