#include "package/DeflatedFile.h"

#include <algorithm>
#include <cstring>

namespace brobyg::package {

namespace {
// Pieces handed to the hashing thread (four in flight): small, because every dataset file
// of a run has its own while the rows are written.
constexpr std::size_t kPieceBytes = 64 * 1024;
}  // namespace

DeflatedFile::DeflatedFile(const std::string& target, int level, int threads)
    : level_(level),
      file_(target, true, Durability::Scratch),
      // One block in flight per thread besides the one filled: the filler is not the writer's
      // thread, so it may wait, and memory stays at a few blocks for each file.
      deflater_(std::make_unique<BlockDeflater>(level, threads, 1)) {
  const Deflater::Sink sink = [this](const char* data, std::size_t size) { emit(data, size); };
  source_ = std::make_unique<SourceDigest>(
      kPieceBytes, threads > 1,
      [this, sink](const char* data, std::size_t size) { deflater_->write(data, size, sink); });
}

DeflatedFile::~DeflatedFile() = default;

void DeflatedFile::write(const char* data, std::size_t size) {
  while (size > 0) {
    const std::size_t n = std::min(size, source_->bufferSize() - filled_);
    std::memcpy(source_->buffer() + filled_, data, n);
    filled_ += n;
    data += n;
    size -= n;
    if (filled_ == source_->bufferSize()) {
      source_->take(filled_);
      filled_ = 0;
    }
  }
}

std::uint64_t DeflatedFile::commit() {
  source_->take(filled_);
  filled_ = 0;
  source_->finish();  // its thread has stopped: deflater_ and file_ are this thread's again
  deflater_->finish([this](const char* data, std::size_t size) { emit(data, size); });
  file_.commit();
  digest_.size = source_->size();
  digest_.compressedSize = file_.bytesWritten();
  digest_.crc32 = source_->crc32();
  digest_.sha256 = source_->sha256Hex();
  source_.reset();
  deflater_.reset();
  return digest_.size;
}

}  // namespace brobyg::package
