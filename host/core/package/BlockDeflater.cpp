#include "package/BlockDeflater.h"

#include <algorithm>
#include <cstring>

namespace brobyg::package {

BlockDeflater::BlockDeflater(int level, int threads, int blocksPerThread) : level_(level) {
  // The engines are made here, so that a bad level or a failed allocation is the caller's
  // exception and no thread's.
  if (threads <= 1) {
    inline_ = makeDeflater(level);
    blocks_.resize(1);
  } else {
    blocks_.resize(static_cast<std::size_t>(std::max(blocksPerThread, 1) * threads) + 1);
    for (int i = 0; i < threads; ++i) engines_.push_back(makeDeflater(level));
  }
  for (auto& engine : engines_) threads_.emplace_back([this, e = engine.get()] { work(*e); });
}

BlockDeflater::~BlockDeflater() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  queued_.notify_all();
  for (std::thread& t : threads_) t.join();
}

void BlockDeflater::write(const char* data, std::size_t size, const Deflater::Sink& sink) {
  while (size > 0) {
    Block& block = blocks_[filling_];
    if (!block.input) block.input.reset(new char[kBlockBytes]);
    std::size_t n = std::min(size, kBlockBytes - block.used);
    std::memcpy(block.input.get() + block.used, data, n);
    block.used += n;
    data += n;
    size -= n;
    if (block.used == kBlockBytes) submit(false, sink);
  }
}

void BlockDeflater::finish(const Deflater::Sink& sink) {
  submit(true, sink);
  while (inFlight_ > 0) emitOldest(sink);
  window_.clear();
  filling_ = oldest_ = 0;
}

void BlockDeflater::submit(bool last, const Deflater::Sink& sink) {
  Block& block = blocks_[filling_];
  if (!block.input) block.input.reset(new char[kBlockBytes]);  // an empty stream's one block
  block.dictionary = window_;
  block.last = last;
  block.output.clear();
  // A full block is longer than the window, so the next block's window is its tail.
  if (!last) window_.assign(block.input.get() + kBlockBytes - kWindowBytes, kWindowBytes);
  ++inFlight_;
  filling_ = (filling_ + 1) % blocks_.size();
  if (inline_) {
    compress(*inline_, block);
    emitOldest(sink);
    return;
  }
  {
    std::lock_guard lock(mutex_);
    block.done = false;
    queue_.push_back(&block);
  }
  queued_.notify_one();
  if (inFlight_ == blocks_.size()) emitOldest(sink);  // the next block to fill is the oldest
}

void BlockDeflater::emitOldest(const Deflater::Sink& sink) {
  Block& block = blocks_[oldest_];
  if (!inline_) {
    std::unique_lock lock(mutex_);
    compressed_.wait(lock, [&] { return block.done; });
  }
  oldest_ = (oldest_ + 1) % blocks_.size();
  --inFlight_;
  block.used = 0;
  if (block.failure) std::rethrow_exception(block.failure);
  sink(block.output.data(), block.output.size());
}

void BlockDeflater::compress(Deflater& engine, Block& block) {
  try {
    auto append = [&block](const char* data, std::size_t size) { block.output.append(data, size); };
    // Room for the block's output at once: growing it copied, and the copies' freed
    // memory stayed in the compressing thread's malloc arena. Untouched room costs nothing.
    block.output.reserve(kBlockBytes + kBlockBytes / 8);
    engine.reset();
    engine.prime(block.dictionary);
    engine.write(block.input.get(), block.used, block.last, append);
    if (!block.last) engine.sync(append);
  } catch (...) {
    block.failure = std::current_exception();
  }
}

void BlockDeflater::work(Deflater& engine) {
  for (;;) {
    Block* block = nullptr;
    {
      std::unique_lock lock(mutex_);
      queued_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      block = queue_.front();
      queue_.pop_front();
    }
    compress(engine, *block);
    {
      std::lock_guard lock(mutex_);
      block->done = true;
    }
    compressed_.notify_all();
  }
}

}  // namespace brobyg::package
