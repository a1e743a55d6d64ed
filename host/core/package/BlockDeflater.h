#pragma once

// Deflates one stream in independent blocks, as pigz does, so that several threads can
// compress at once and the bytes never depend on how many did. Each block is kBlockBytes of
// input (the last one fewer), primed with the 32 KiB of input before it as the dictionary,
// and ends with a sync flush; the last one ends the stream. The result is one ordinary raw
// deflate stream. What it costs against one continuous stream: 5 bytes a block and the
// priming.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "package/Deflater.h"

namespace brobyg::package {

class BlockDeflater {
 public:
  static constexpr std::size_t kBlockBytes = 1024 * 1024;
  static constexpr std::size_t kWindowBytes = 32 * 1024;

  // `threads` 1 compresses on the caller's thread; more start that many threads, each with
  // its own engine, and keep blocksPerThread * threads + 1 blocks in flight. A block's memory
  // is taken when it is first filled, so a short stream costs one block's touched pages.
  BlockDeflater(int level, int threads, int blocksPerThread = 2);
  ~BlockDeflater();
  BlockDeflater(const BlockDeflater&) = delete;
  BlockDeflater& operator=(const BlockDeflater&) = delete;

  int level() const { return level_; }

  // Input in pieces of any size; the compressed bytes reach `sink` in order, on the
  // caller's thread. Throws brobyg::Error (an engine's or the sink's failure).
  void write(const char* data, std::size_t size, const Deflater::Sink& sink);
  // Ends the stream, hands out the rest, and makes ready for the next stream.
  void finish(const Deflater::Sink& sink);

 private:
  struct Block {
    std::string dictionary;
    std::unique_ptr<char[]> input;  // kBlockBytes, allocated uninitialised on first use
    std::size_t used = 0;
    bool last = false;
    std::string output;
    bool done = false;  // under mutex_
    std::exception_ptr failure;
  };

  void submit(bool last, const Deflater::Sink& sink);
  void emitOldest(const Deflater::Sink& sink);
  static void compress(Deflater& engine, Block& block);
  void work(Deflater& engine);

  const int level_;
  std::vector<Block> blocks_;  // a ring
  std::size_t filling_ = 0;    // the block the caller fills
  std::size_t oldest_ = 0;     // the oldest block handed out and not yet emitted
  std::size_t inFlight_ = 0;
  std::string window_;                // the last kWindowBytes of input before blocks_[filling_]
  std::unique_ptr<Deflater> inline_;  // threads 1
  std::vector<std::unique_ptr<Deflater>> engines_;  // one for each thread

  std::mutex mutex_;
  std::condition_variable queued_;
  std::condition_variable compressed_;
  std::deque<Block*> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace brobyg::package
