#include "pipeline/stages/RowHandOff.h"

namespace brobyg::pipeline {

namespace {
// About 1 MiB or 4096 rows a batch, 4 batches in all: memory stays flat whatever the rows.
constexpr std::size_t kBatchRows = 4096;
constexpr std::size_t kBatchBytes = 1024 * 1024;
constexpr std::size_t kBatches = 4;
constexpr std::size_t kPrefetchRows = 8;  // a row takes longer to derive than memory to answer
}  // namespace

void RowHandOff::Batch::clear() {
  bytes.clear();
  values.clear();
  entries.clear();
}

RowHandOff::RowHandOff(RowConsumer& next)
    : next_(next), worker_(kBatches, [this](const Batch& batch) { replay(batch); }) {}

std::uint64_t RowHandOff::keep(std::string_view text) {
  const std::uint64_t offset = batch_.bytes.size();
  batch_.bytes.insert(batch_.bytes.end(), text.begin(), text.end());
  return offset;
}

// Plugins hand NUL-terminated texts: the consumer gets them so, straight from the batch.
std::uint64_t RowHandOff::keepTerminated(const char* text) {
  const std::uint64_t offset = keep(text);
  batch_.bytes.push_back('\0');
  return offset;
}

void RowHandOff::row(const brobyg_str* values, std::size_t count, const char* origin) {
  Batch::Entry entry;
  entry.first = static_cast<std::uint32_t>(batch_.values.size());
  entry.count = static_cast<std::uint32_t>(count);
  entry.origin = keepTerminated(origin);
  for (std::size_t i = 0; i < count; ++i) {
    const std::string_view value(values[i].data, values[i].size);
    batch_.values.emplace_back(keep(value), value.size());
  }
  batch_.entries.push_back(entry);
  handOnWhenFull();
}

void RowHandOff::reject(const char* origin, const char* reason, std::string_view raw) {
  Batch::Entry entry;
  entry.rejected = true;
  entry.origin = keepTerminated(origin);
  entry.reason = keepTerminated(reason);
  entry.raw = keep(raw);
  entry.rawSize = raw.size();
  batch_.entries.push_back(entry);
  handOnWhenFull();
}

void RowHandOff::handOnWhenFull() {
  if (batch_.entries.size() >= kBatchRows || batch_.bytes.size() >= kBatchBytes)
    worker_.exchange(batch_);
}

void RowHandOff::finish() {
  if (finished_) return;
  finished_ = true;
  if (!batch_.entries.empty()) worker_.exchange(batch_);
  worker_.finish();
}

void RowHandOff::replay(const Batch& b) {
  // Every value of the batch as the consumer takes it, once: a row's views start at its
  // `first`, for the row itself and for the prefetch kPrefetchRows before it.
  std::vector<brobyg_str>& views = replayValues_;
  const char* bytes = b.bytes.data();
  views.resize(b.values.size());
  for (std::size_t i = 0; i < b.values.size(); ++i)
    views[i] = brobyg_str{bytes + b.values[i].first, static_cast<std::size_t>(b.values[i].second)};
  for (std::size_t n = 0; n < b.entries.size(); ++n) {
    // The row kPrefetchRows ahead gets its pseudonym's cache slot loaded meanwhile.
    if (n + kPrefetchRows < b.entries.size()) {
      const Batch::Entry& ahead = b.entries[n + kPrefetchRows];
      if (!ahead.rejected) next_.prefetch(views.data() + ahead.first, ahead.count);
    }
    const Batch::Entry& e = b.entries[n];
    if (e.rejected) {
      next_.reject(bytes + e.origin, bytes + e.reason, std::string_view(bytes + e.raw, e.rawSize));
      continue;
    }
    next_.row(views.data() + e.first, e.count, bytes + e.origin);
  }
}

}  // namespace brobyg::pipeline
