#include "state/RowDigestSpool.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <type_traits>

#include "util/AtomicFile.h"
#include "util/Error.h"
#include "util/FileSecurity.h"
#include "util/Utf8Path.h"

namespace brobyg::state {

namespace fs = std::filesystem;

static_assert(sizeof(SpooledRow) == 32 && std::is_trivially_copyable_v<SpooledRow>,
              "spilled runs hold SpooledRows as they are in memory");

namespace {

bool before(const SpooledRow& a, const SpooledRow& b) {
  if (a.digest.high != b.digest.high) return a.digest.high < b.digest.high;
  if (a.digest.low != b.digest.low) return a.digest.low < b.digest.low;
  return a.ordinal < b.ordinal;
}

// One sorted sequence of rows to merge: the buffer in memory, or a spilled run read back
// in chunks.
class SortedRun {
 public:
  explicit SortedRun(const std::vector<SpooledRow>& memory)
      : rows_(memory.data()), end_(memory.data() + memory.size()) {}
  explicit SortedRun(const std::string& path) : path_(path), file_(openFileUtf8(path, "rb")) {
    if (!file_) throw Error(path + ": cannot read spilled row digests: " + std::strerror(errno));
    chunk_.resize(kChunkRows);
    refill();
  }
  ~SortedRun() {
    if (file_) std::fclose(file_);
  }
  SortedRun(const SortedRun&) = delete;
  SortedRun& operator=(const SortedRun&) = delete;

  bool empty() const { return rows_ == end_; }
  const SpooledRow& head() const { return *rows_; }
  void advance() {
    if (++rows_ == end_ && file_) refill();
  }

 private:
  static constexpr std::size_t kChunkRows = 1024;  // 32 KiB
  void refill() {
    const std::size_t n = std::fread(chunk_.data(), sizeof(SpooledRow), kChunkRows, file_);
    if (n == 0 && std::ferror(file_))
      throw Error(path_ + ": cannot read spilled row digests: " + std::strerror(errno));
    rows_ = chunk_.data();
    end_ = rows_ + n;
  }
  std::string path_;
  std::FILE* file_ = nullptr;
  std::vector<SpooledRow> chunk_;
  const SpooledRow* rows_ = nullptr;
  const SpooledRow* end_ = nullptr;
};

// Merges sorted runs into one ascending sequence: a binary heap of the runs' heads, kept in
// the heap itself (no pointer to chase per comparison), the top replaced and sifted down
// once per row rather than popped and pushed.
class Merge {
 public:
  explicit Merge(std::vector<std::unique_ptr<SortedRun>> runs) : runs_(std::move(runs)) {
    for (std::size_t i = 0; i < runs_.size(); ++i)
      if (!runs_[i]->empty()) heap_.push_back({runs_[i]->head(), i});
    for (std::size_t i = heap_.size() / 2; i-- > 0;) siftDown(i);
  }
  bool next(SpooledRow& row) {
    if (heap_.empty()) return false;
    Head& top = heap_.front();
    row = top.row;
    SortedRun& run = *runs_[top.run];
    run.advance();
    if (run.empty()) {
      top = heap_.back();
      heap_.pop_back();
    } else {
      top.row = run.head();
    }
    if (!heap_.empty()) siftDown(0);
    return true;
  }

 private:
  struct Head {
    SpooledRow row;
    std::size_t run;
  };
  void siftDown(std::size_t at) {
    const Head moving = heap_[at];
    for (;;) {
      std::size_t child = 2 * at + 1;
      if (child >= heap_.size()) break;
      if (child + 1 < heap_.size() && before(heap_[child + 1].row, heap_[child].row)) ++child;
      if (!before(heap_[child].row, moving.row)) break;
      heap_[at] = heap_[child];
      at = child;
    }
    heap_[at] = moving;
  }
  std::vector<std::unique_ptr<SortedRun>> runs_;
  std::vector<Head> heap_;
};

void widen(Deduplication& d, const SpooledRow& row) {
  if (row.from != 0 && (d.from == 0 || row.from < d.from)) d.from = row.from;
  if (row.to > d.to) d.to = row.to;
}

void markDropped(Deduplication& d, std::uint64_t ordinal) {
  if (d.dropped.empty()) d.dropped.assign(static_cast<std::size_t>(d.rows), false);
  if (ordinal >= d.rows) throw Error("row digests: a row's ordinal is past the rows spooled");
  d.dropped[static_cast<std::size_t>(ordinal)] = true;
  ++d.duplicates;
}

}  // namespace

void sortSpooledRows(std::vector<SpooledRow>& rows, std::vector<SpooledRow>& scratch) {
  constexpr std::size_t kSmall = 4096;
  if (rows.size() < kSmall) {
    std::sort(rows.begin(), rows.end(), before);
    return;
  }
  // Digests are uniform: one counting pass on the top 16 bits leaves buckets of a few rows,
  // which insertion sort finishes. About 4x faster than std::sort on 256 Ki rows.
  constexpr std::size_t kBuckets = 1 << 16;
  // Reused: a fresh 256 KiB vector per call is a fresh mmap and 64 page faults each time.
  thread_local std::vector<std::uint32_t> start, next;
  start.assign(kBuckets + 1, 0);
  for (const SpooledRow& r : rows) ++start[(r.digest.high >> 48) + 1];
  for (std::size_t b = 1; b <= kBuckets; ++b) start[b] += start[b - 1];
  scratch.resize(rows.size());
  next.assign(start.begin(), start.end() - 1);
  for (const SpooledRow& r : rows) scratch[next[r.digest.high >> 48]++] = r;
  for (std::size_t b = 0; b < kBuckets; ++b) {
    SpooledRow* first = scratch.data() + start[b];
    SpooledRow* last = scratch.data() + start[b + 1];
    for (SpooledRow* i = first + 1; i < last; ++i) {
      const SpooledRow value = *i;
      SpooledRow* j = i;
      for (; j > first && before(value, *(j - 1)); --j) *j = *(j - 1);
      *j = value;
    }
  }
  rows.swap(scratch);
}

RowDigestSpool::RowDigestSpool(const RowDigestKey& key, std::string spillDirectory,
                               std::string name, std::size_t capacity, std::size_t batchRows)
    : hasher_(key),
      spillDirectory_(std::move(spillDirectory)),
      name_(std::move(name)),
      capacity_(std::max<std::size_t>(capacity, 1)),
      batchRows_(std::max<std::size_t>(batchRows, 1)) {}

RowDigestSpool::~RowDigestSpool() {
  worker_.reset();  // joins it: it may still be spilling
  std::error_code ec;
  for (const Run& run : runs_) fs::remove(pathFromUtf8(run.path), ec);
}

void RowDigestSpool::add(std::string_view row, std::uint64_t ordinal, std::uint32_t from,
                         std::uint32_t to) {
  batch_.rows.push_back({batch_.bytes.size(), row.size(), ordinal, from, to});
  batch_.bytes.append(row);
  ++rows_;
  constexpr std::size_t kBatchBytes = 1 << 20;
  if (batch_.rows.size() >= batchRows_ || batch_.bytes.size() >= kBatchBytes) handOver();
}

void RowDigestSpool::handOver() {
  if (!worker_)
    worker_ = std::make_unique<BatchWorker<RowBatch>>(
        kHandOverBatches, [this](const RowBatch& batch) { absorb(batch); });
  worker_->exchange(batch_);
}

void RowDigestSpool::stopWorker() {
  if (worker_) worker_->finish();
}

void RowBatch::clear() {
  bytes.clear();
  rows.clear();
}

void RowDigestSpool::absorb(const RowBatch& batch) {
  for (const RowBatch::Row& row : batch.rows) {
    if (buffer_.size() == capacity_) spill();
    if (buffer_.capacity() == 0) buffer_.reserve(std::min<std::size_t>(capacity_, 4096));
    const std::string_view bytes(batch.bytes.data() + row.offset, row.size);
    buffer_.push_back({hasher_.digest(bytes), row.ordinal, row.from, row.to});
  }
}

void RowDigestSpool::spill() {
  sortSpooledRows(buffer_, scratch_);
  createPrivateDirectory(spillDirectory_);
  const std::string path =
      joinUtf8(spillDirectory_, name_ + "." + std::to_string(runsMade_++) + ".run");
  runs_.push_back({path, 0});
  OutputFile out(path);
  out.write(buffer_.data(), buffer_.size() * sizeof(SpooledRow));
  out.close(false);  // scratch: a crashed run spools its rows again
  buffer_.clear();
  compact(0);
}

void RowDigestSpool::compact(int level) {
  std::vector<std::unique_ptr<SortedRun>> parts;
  std::vector<std::string> merged;
  for (const Run& run : runs_)
    if (run.level == level) merged.push_back(run.path);
  if (merged.size() < kMaxRuns) return;
  for (const std::string& path : merged) parts.push_back(std::make_unique<SortedRun>(path));
  const std::string path =
      joinUtf8(spillDirectory_, name_ + "." + std::to_string(runsMade_++) + ".run");
  {
    Merge merge(std::move(parts));
    OutputFile out(path);
    std::vector<SpooledRow> chunk;
    chunk.reserve(1024);
    SpooledRow row;
    while (merge.next(row)) {
      chunk.push_back(row);
      if (chunk.size() == chunk.capacity()) {
        out.write(chunk.data(), chunk.size() * sizeof(SpooledRow));
        chunk.clear();
      }
    }
    out.write(chunk.data(), chunk.size() * sizeof(SpooledRow));
    out.close(false);
  }  // the merged runs' files close here: Windows cannot remove a file that is open
  std::erase_if(runs_, [&](const Run& run) { return run.level == level; });
  std::error_code ec;
  for (const std::string& done : merged) fs::remove(pathFromUtf8(done), ec);
  runs_.push_back({path, level + 1});
  compact(level + 1);
}

Deduplication RowDigestSpool::resolve(const DigestSource& committed, const DigestSink& next) {
  stopWorker();
  absorb(batch_);
  batch_ = {};
  sortSpooledRows(buffer_, scratch_);
  std::vector<std::unique_ptr<SortedRun>> runs;
  for (const Run& run : runs_) runs.push_back(std::make_unique<SortedRun>(run.path));
  runs.push_back(std::make_unique<SortedRun>(buffer_));
  Merge merge(std::move(runs));

  Deduplication d;
  d.rows = rows_;
  RowDigest old;
  bool haveOld = committed(old);
  bool havePrevious = false;
  RowDigest previous;
  SpooledRow row;
  while (merge.next(row)) {
    if (havePrevious && row.digest == previous) {  // again within this run: the first stays
      markDropped(d, row.ordinal);
      continue;
    }
    previous = row.digest;
    havePrevious = true;
    for (; haveOld && old < row.digest; haveOld = committed(old)) next(old);
    if (haveOld && old == row.digest) {  // delivered by an earlier run
      markDropped(d, row.ordinal);
      continue;
    }
    next(row.digest);
    widen(d, row);
  }
  for (; haveOld; haveOld = committed(old)) next(old);
  return d;
}

std::uint32_t packDate(std::string_view d) {
  if (d.empty()) return 0;
  auto digit = [&](std::size_t i) {
    if (d[i] < '0' || d[i] > '9') throw Error("row digests: a period column holds no ISO date");
    return static_cast<std::uint32_t>(d[i] - '0');
  };
  if (d.size() != 10 || d[4] != '-' || d[7] != '-')
    throw Error("row digests: a period column holds no ISO date");
  std::uint32_t v = 0;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) v = v * 10 + digit(i);
  return v;
}

std::string unpackDate(std::uint32_t v) {
  if (v == 0) return {};
  char text[16];
  std::snprintf(text, sizeof(text), "%04u-%02u-%02u", v / 10000, v / 100 % 100, v % 100);
  return text;
}

}  // namespace brobyg::state
