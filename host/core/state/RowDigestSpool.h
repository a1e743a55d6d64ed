#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "state/RowDigest.h"
#include "util/BatchWorker.h"

namespace brobyg::state {

// One output row as the spool keeps it: 32 bytes.
struct SpooledRow {
  RowDigest digest;
  std::uint64_t ordinal = 0;  // the row's place in its dataset's output, from 0
  std::uint32_t from = 0;     // the row's smallest and largest period date as yyyymmdd, 0: none
  std::uint32_t to = 0;
};

// What the row digests decided for one dataset of a run.
struct Deduplication {
  std::uint64_t rows = 0;        // rows spooled
  std::uint64_t duplicates = 0;  // rows an earlier run delivered, or this run spooled before
  // When duplicates > 0: one flag per row (by ordinal), true for the rows not to deliver.
  std::vector<bool> dropped;
  // The smallest and largest period date of the rows kept (yyyymmdd), 0 when none.
  std::uint32_t from = 0;
  std::uint32_t to = 0;
};

// Reads the committed digests in ascending order; false at the end.
using DigestSource = std::function<bool(RowDigest&)>;
// Takes the digests of the next generation, in ascending order.
using DigestSink = std::function<void(const RowDigest&)>;

// The rows handed from the caller's thread to the spool's worker: their bytes back to back.
struct RowBatch {
  struct Row {
    std::size_t offset = 0;
    std::size_t size = 0;
    std::uint64_t ordinal = 0;
    std::uint32_t from = 0;
    std::uint32_t to = 0;
  };
  std::string bytes;
  std::vector<Row> rows;

  void clear();  // keeps the memory, for the next batch
};

// The digests of one dataset's rows in one run, decided all at once after the last row, in
// memory that does not grow with the row count: rows are buffered `capacity` at a time,
// sorted by digest and, when there are more, spilled as sorted runs into `spillDirectory`;
// resolve() merges the runs with the committed digests in one pass. Because the decision
// comes after the rows were written, the caller drops the duplicates from its files then
// (dataset::dropRecords).
//
// Hashing, sorting and spilling run on a worker thread of the spool's own, so that they take
// the second core instead of the caller's time: add() copies the row into a batch of
// `batchRows` rows and hands full batches over through a bounded queue (at most four batches
// exist, so a slow worker holds the caller back instead of growing memory). A run with fewer
// rows than one batch starts no thread. Memory: 2 x 32 bytes x capacity, four batches of up to
// `batchRows` rows or 1 MiB of row bytes, plus 32 KiB per spilled run while merging. So that
// the last does not grow with the rows, kMaxRuns runs of one level are merged into one run of
// the next (a log-structured merge: each row is rewritten once per level, and a run of 10 M
// rows, 38 runs, has none).
// The spool is used from one thread; its worker is internal.
class RowDigestSpool {
 public:
  static constexpr std::size_t kDefaultCapacity = 256 * 1024;
  static constexpr std::size_t kDefaultBatchRows = 8192;
  static constexpr std::size_t kMaxRuns = 64;

  RowDigestSpool(const RowDigestKey& key, std::string spillDirectory, std::string name,
                 std::size_t capacity = kDefaultCapacity,
                 std::size_t batchRows = kDefaultBatchRows);
  ~RowDigestSpool();
  RowDigestSpool(const RowDigestSpool&) = delete;
  RowDigestSpool& operator=(const RowDigestSpool&) = delete;

  // One output row: its canonical bytes (RowHasher), its ordinal (0, 1, 2, ... in the order
  // written) and its period dates as yyyymmdd (packDate). Throws what the worker failed with
  // (a spill that could not be written) at the next hand-over.
  void add(std::string_view row, std::uint64_t ordinal, std::uint32_t from, std::uint32_t to);
  std::uint64_t rows() const { return rows_; }

  // Decides every row against `committed` and sends the union of the committed digests and
  // the kept rows' digests to `next`, in ascending order. Keeps the first of several equal
  // rows of this run. Call once, after the last add().
  Deduplication resolve(const DigestSource& committed, const DigestSink& next);

 private:
  static constexpr std::size_t kHandOverBatches = 4;

  void handOver();
  void stopWorker();
  void absorb(const RowBatch& batch);  // on the worker, or on the caller for the last batch
  void spill();
  void compact(int level);  // merges the runs of `level` into one of level + 1

  RowHasher hasher_;
  std::string spillDirectory_;
  std::string name_;
  std::size_t capacity_;
  std::size_t batchRows_;
  RowBatch batch_;  // being filled by add()
  std::unique_ptr<BatchWorker<RowBatch>> worker_;
  // Owned by the worker while it runs, by the caller after stopWorker():
  std::vector<SpooledRow> buffer_;
  std::vector<SpooledRow> scratch_;
  struct Run {
    std::string path;
    int level = 0;  // 0: spilled from the buffer; n + 1: kMaxRuns runs of level n merged
  };
  std::vector<Run> runs_;     // spilled sorted runs, removed with the spool
  std::size_t runsMade_ = 0;  // for their file names
  std::uint64_t rows_ = 0;
};

// Sorts rows by digest, then ordinal. `scratch` is reused between calls.
void sortSpooledRows(std::vector<SpooledRow>& rows, std::vector<SpooledRow>& scratch);

// "2025-10-03" as 20251003; an empty value as 0. Throws brobyg::Error for anything else:
// period columns hold ISO dates (DatasetSpec).
std::uint32_t packDate(std::string_view isoDate);
std::string unpackDate(std::uint32_t packed);

}  // namespace brobyg::state
