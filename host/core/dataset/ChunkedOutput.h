#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "util/ByteSink.h"

namespace brobyg::dataset {

// The write path of the dataset writers: rows are appended into one reusable buffer that goes
// to a ByteSink (a file, or deflated on the way) in chunks of about 64 KiB, so that writing a
// row allocates nothing and makes no system call. The target appears only on commit().
class ChunkedOutput {
 public:
  static constexpr std::size_t kChunk = 64 * 1024;

  explicit ChunkedOutput(std::unique_ptr<ByteSink> sink);

  // Makes room for `n` more bytes, flushing the buffer first when they do not fit.
  char* reserve(std::size_t n) {
    if (n > buffer_.size() - used_) makeRoom(n);
    return buffer_.data() + used_;
  }
  // Marks `n` bytes written at the pointer the last reserve() returned.
  void advance(std::size_t n) { used_ += n; }
  void append(std::string_view text) {
    std::memcpy(reserve(text.size()), text.data(), text.size());
    used_ += text.size();
  }
  void push(char c) {
    *reserve(1) = c;
    ++used_;
  }
  // After a row: hands a full chunk to the file.
  void endRecord() {
    if (used_ >= kChunk) flushBuffer();
  }
  // Writes the rest and commits the sink; returns the bytes written.
  std::uint64_t commit();
  const std::string& target() const { return sink_->target(); }

 private:
  void makeRoom(std::size_t n);
  void flushBuffer();

  std::unique_ptr<ByteSink> sink_;
  std::string buffer_;
  std::size_t used_ = 0;
};

}  // namespace brobyg::dataset
