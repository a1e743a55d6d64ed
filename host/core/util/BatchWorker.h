#pragma once

#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <optional>
#include <thread>
#include <utility>

#include "util/BoundedQueue.h"

namespace brobyg {

// Hands batches from one caller thread to a worker thread of its own, in order, and gives the
// emptied ones back for reuse: the caller fills one batch while the worker consumes the others,
// and memory stays at `batches` batches whatever the rows (a caller that gets ahead waits).
// A failure of `consume` is kept and thrown to the caller at its next exchange() or at
// finish(); from then on the worker takes batches without consuming them, so the caller never
// waits forever. Destroyed without finish(), it consumes nothing more and joins its thread.
// `Batch` is movable and has clear(), which empties it without freeing its memory.
template <class Batch>
class BatchWorker {
 public:
  BatchWorker(std::size_t batches, std::function<void(const Batch&)> consume)
      : consume_(std::move(consume)), full_(batches), empty_(batches) {
    for (std::size_t i = 1; i < batches; ++i) empty_.push(Batch{});  // one is the caller's
    thread_ = std::thread([this] { run(); });
  }
  ~BatchWorker() {
    stopping_.store(true, std::memory_order_release);
    stop();
  }
  BatchWorker(const BatchWorker&) = delete;
  BatchWorker& operator=(const BatchWorker&) = delete;

  // Gives `batch` to the worker and returns an empty one in it (waiting while all are in use).
  void exchange(Batch& batch) {
    rethrowFailure();
    full_.push(std::move(batch));
    batch = std::move(*empty_.pop());
  }

  // Waits until every batch handed over is consumed; throws the worker's failure.
  void finish() {
    stop();
    rethrowFailure();
  }

 private:
  void run() {
    while (std::optional<Batch> batch = full_.pop()) {
      if (!failed_.load(std::memory_order_acquire) && !stopping_.load(std::memory_order_acquire))
        consume(*batch);
      batch->clear();
      empty_.push(std::move(*batch));
    }
  }
  void consume(const Batch& batch) {
    try {
      consume_(batch);
    } catch (...) {
      failure_ = std::current_exception();
      failed_.store(true, std::memory_order_release);
    }
  }
  void stop() {
    full_.close();
    if (thread_.joinable()) thread_.join();
  }
  void rethrowFailure() {
    if (failed_.load(std::memory_order_acquire)) std::rethrow_exception(failure_);
  }

  std::function<void(const Batch&)> consume_;
  BoundedQueue<Batch> full_;
  BoundedQueue<Batch> empty_;
  std::exception_ptr failure_;  // written by the worker before failed_ is set
  std::atomic<bool> failed_{false};
  std::atomic<bool> stopping_{false};  // the owner goes away: consume nothing more
  std::thread thread_;
};

}  // namespace brobyg
