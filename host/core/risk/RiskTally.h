#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dataset/DatasetSpec.h"
#include "risk/KeyTable.h"
#include "risk/RiskReport.h"
#include "util/BatchWorker.h"

namespace brobyg::risk {

// Counts a dataset's rows by equivalence class on its quasi-identifiers while they are
// written. Each row leaves 12 bytes in a spill file (its class and a 64-bit hash of its
// pseudonym), so that the classes can be measured after the deduplicate stage has dropped
// rows, without holding a row in memory. Memory: the distinct classes, and at measuring time
// the distinct (class, person) pairs.
// add() only copies the row's class values into a batch; a thread of the tally's own looks
// the classes up (cache misses in a table of every class, a quarter of the deriving thread's
// time when it did so itself) and writes the spill, in row order, so the class numbers and
// the file are the same as on one thread. Everything but add() and finish() runs after
// finish() has joined that thread.
class RiskTally {
 public:
  RiskTally(const dataset::DatasetSpec& spec, std::string spillPath);
  ~RiskTally();
  RiskTally(const RiskTally&) = delete;
  RiskTally& operator=(const RiskTally&) = delete;

  // One value per output column of the spec, as written.
  void add(const std::string_view* columns);
  // After the last row: the spill file complete. Throws brobyg::Error if it cannot be written.
  void finish();
  // The dataset's figures over the rows not `dropped` (by ordinal; empty: none dropped), as
  // shipped under `shipped` and under each further generalisation.
  DatasetRisk measure(const std::vector<bool>& dropped, unsigned k,
                      const Generalisation& shipped) const;

 private:
  struct Batch {
    std::string bytes;  // per row: u32 key length, u64 person hash, the key
    void clear() { bytes.clear(); }
  };
  void absorb(const Batch& batch);  // on the tally's thread

  const dataset::DatasetSpec& spec_;
  std::vector<std::size_t> columns_;  // the quasi-identifiers' output indices
  std::size_t person_ = 0;
  std::string spillPath_;
  std::FILE* spill_ = nullptr;
  KeyTable classes_;  // the classes met so far, each key its values followed by 0x1f
  // Class `cls`'s values, as split from its key.
  std::vector<std::string_view> valuesOf(std::size_t cls) const;
  void flush();

  // The caller's side.
  Batch batch_;
  std::string lastPerson_;
  std::uint64_t lastPersonHash_ = 0;
  // The tally thread's side.
  std::string lastKey_;  // the previous row's class: a person's rows mostly share one
  std::uint32_t lastClass_ = 0;
  bool haveLast_ = false;
  std::vector<char> buffer_;  // spill entries not yet written (fwrite per row costs its lock)
  std::unique_ptr<BatchWorker<Batch>> worker_;  // last: joined before the rest goes
};

}  // namespace brobyg::risk
