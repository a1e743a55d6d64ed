#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "state/RowDigest.h"

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

// The digests of one dataset's rows in one run, decided all at once after the last row, in
// memory that does not grow with the row count: rows are buffered `capacity` at a time,
// sorted by digest and, when there are more, spilled as sorted runs into `spillDirectory`;
// resolve() merges the runs with the committed digests in one pass. Because the decision
// comes after the rows were written, the caller drops the duplicates from its files then
// (dataset::dropRecords). Memory: 2 x 32 bytes x capacity, plus 32 KiB per spilled run
// while merging. Not thread-safe.
class RowDigestSpool {
 public:
  static constexpr std::size_t kDefaultCapacity = 256 * 1024;

  RowDigestSpool(const RowDigestKey& key, std::string spillDirectory, std::string name,
                 std::size_t capacity = kDefaultCapacity);
  ~RowDigestSpool();
  RowDigestSpool(const RowDigestSpool&) = delete;
  RowDigestSpool& operator=(const RowDigestSpool&) = delete;

  // One output row: its canonical bytes (RowHasher), its ordinal (0, 1, 2, ... in the order
  // written) and its period dates as yyyymmdd (packDate).
  void add(std::string_view row, std::uint64_t ordinal, std::uint32_t from, std::uint32_t to);
  std::uint64_t rows() const { return rows_; }

  // Decides every row against `committed` and sends the union of the committed digests and
  // the kept rows' digests to `next`, in ascending order. Keeps the first of several equal
  // rows of this run. Call once, after the last add().
  Deduplication resolve(const DigestSource& committed, const DigestSink& next);

 private:
  void spill();

  RowHasher hasher_;
  std::string spillDirectory_;
  std::string name_;
  std::size_t capacity_;
  std::vector<SpooledRow> buffer_;
  std::vector<SpooledRow> scratch_;
  std::vector<std::string> runs_;  // spilled sorted runs, removed with the spool
  std::uint64_t rows_ = 0;
};

// Sorts rows by digest, then ordinal. `scratch` is reused between calls.
void sortSpooledRows(std::vector<SpooledRow>& rows, std::vector<SpooledRow>& scratch);

// "2025-10-03" as 20251003; an empty value as 0. Throws brobyg::Error for anything else:
// period columns hold ISO dates (DatasetSpec).
std::uint32_t packDate(std::string_view isoDate);
std::string unpackDate(std::uint32_t packed);

}  // namespace brobyg::state
