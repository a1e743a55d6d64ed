#include "dataset/ChunkedOutput.h"

namespace brobyg::dataset {

// Slack beyond one chunk, so that a typical row never forces an early flush.
static constexpr std::size_t kSlack = 16 * 1024;

ChunkedOutput::ChunkedOutput(std::unique_ptr<ByteSink> sink) : sink_(std::move(sink)) {
  buffer_.resize(kChunk + kSlack);
}

void ChunkedOutput::makeRoom(std::size_t n) {
  flushBuffer();
  if (n > buffer_.size()) buffer_.resize(n);  // one huge field: grow once, then keep the size
}

void ChunkedOutput::flushBuffer() {
  sink_->write(buffer_.data(), used_);
  used_ = 0;
}

std::uint64_t ChunkedOutput::commit() {
  flushBuffer();
  return sink_->commit();
}

}  // namespace brobyg::dataset
