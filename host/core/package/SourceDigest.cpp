#include "package/SourceDigest.h"

#include "package/ZipCrc32.h"

namespace brobyg::package {

namespace {
constexpr std::size_t kChunks = 4;  // one filled by the caller, the rest queued or hashed
}

SourceDigest::SourceDigest(std::size_t bufferSize, bool beside, Consumer also)
    : bufferSize_(bufferSize), also_(std::move(also)) {
  chunk_.bytes.resize(bufferSize_);
  if (beside)
    worker_ = std::make_unique<BatchWorker<Chunk>>(kChunks, [this](const Chunk& c) { absorb(c); });
}

SourceDigest::~SourceDigest() = default;

void SourceDigest::take(std::size_t size) {
  if (size == 0) return;
  size_ += size;
  chunk_.used = size;
  if (!worker_) {
    absorb(chunk_);
    return;
  }
  worker_->exchange(chunk_);
  if (chunk_.bytes.size() < bufferSize_) chunk_.bytes.resize(bufferSize_);  // a fresh one
}

void SourceDigest::absorb(const Chunk& chunk) {
  sha_.update(chunk.bytes.data(), chunk.used);
  crc_ = zip::crc32Update(crc_, chunk.bytes.data(), chunk.used);
  if (also_) also_(chunk.bytes.data(), chunk.used);
}

void SourceDigest::finish() {
  if (worker_) worker_->finish();
}

std::string SourceDigest::sha256Hex() {
  return sha_.hexDigest();
}

}  // namespace brobyg::package
