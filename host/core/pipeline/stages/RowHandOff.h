#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "pipeline/stages/Extract.h"
#include "util/BatchWorker.h"

namespace brobyg::pipeline {

// Runs the consumer of a source's rows (the derive and write stages) on a thread of its own,
// so that a run's two cores share the work: the caller's thread reads and maps (the plugin's
// pull), this one normalises, pseudonymises and writes. Rows are copied into batches and
// handed over through a bounded queue; the one consumer sees them in the order they came,
// so the dataset files do not depend on the thread count or on scheduling.
//
// A failure of the consumer is thrown to the caller at its next hand-over of a full batch, or
// at finish(); the rows after it are not handed on. Destroyed without finish() (the pull
// failed), it lets the worker finish the batch it is on and drops what was still queued.
class RowHandOff : public RowConsumer {
 public:
  explicit RowHandOff(RowConsumer& next);
  RowHandOff(const RowHandOff&) = delete;
  RowHandOff& operator=(const RowHandOff&) = delete;

  void row(const brobyg_str* values, std::size_t count, const char* origin) override;
  void reject(const char* origin, const char* reason, std::string_view raw) override;
  // Hands on the last batch and waits until the consumer has seen every row; throws its
  // failure, if any. The consumer may be used from the caller's thread afterwards.
  void finish();

  // One batch: every text back to back in `bytes` (origins and reasons with their NUL, as the
  // consumer gets them), each entry a row or a reject.
  struct Batch {
    struct Entry {
      bool rejected = false;
      std::uint32_t first = 0;  // a row: index of its first value in `values`
      std::uint32_t count = 0;  // a row: values; a reject: 0
      std::uint64_t origin = 0;
      std::uint64_t reason = 0;            // a reject
      std::uint64_t raw = 0, rawSize = 0;  // a reject
    };
    std::vector<char> bytes;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> values;  // offset and size in `bytes`
    std::vector<Entry> entries;

    void clear();
  };

 private:
  std::uint64_t keep(std::string_view text);
  std::uint64_t keepTerminated(const char* text);
  void handOnWhenFull();
  void replay(const Batch& batch);

  RowConsumer& next_;
  Batch batch_;  // being filled by the caller
  bool finished_ = false;
  std::vector<brobyg_str> replayValues_;  // the worker's: a batch's values, reused
  BatchWorker<Batch> worker_;             // last: its thread stops before the members it uses go
};

}  // namespace brobyg::pipeline
