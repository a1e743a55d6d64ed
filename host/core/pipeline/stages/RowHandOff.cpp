#include "pipeline/stages/RowHandOff.h"


#include "util/Error.h"

namespace brobyg::pipeline {

namespace {
// About 1 MiB or 4096 rows a batch, at most 4 batches queued plus one filling and one being
// consumed: memory stays flat whatever the rows.
constexpr std::size_t kBatchRows = 4096;
constexpr std::size_t kBatchBytes = 1024 * 1024;
constexpr std::size_t kQueuedBatches = 4;

}  // namespace

RowHandOff::RowHandOff(RowConsumer& next)
    : next_(next), queue_(kQueuedBatches), worker_([this] { work(); }) {
  batch_ = emptyBatch();  // here: the spare list is constructed after batch_
}

RowHandOff::~RowHandOff() {
  abandoned_ = true;  // after a failed pull: the worker stops at its next batch
  queue_.close();
  if (worker_.joinable()) worker_.join();
}

std::unique_ptr<RowHandOff::Batch> RowHandOff::emptyBatch() {
  {
    std::lock_guard lock(spareMutex_);
    if (!spare_.empty()) {
      std::unique_ptr<Batch> batch = std::move(spare_.back());
      spare_.pop_back();
      return batch;
    }
  }
  auto batch = std::make_unique<Batch>();
  batch->bytes.reserve(kBatchBytes + 64 * 1024);
  batch->entries.reserve(kBatchRows);
  return batch;
}

std::uint64_t RowHandOff::keep(std::string_view text) {
  const std::uint64_t offset = batch_->bytes.size();
  if (!text.empty()) batch_->bytes.insert(batch_->bytes.end(), text.begin(), text.end());
  return offset;
}

void RowHandOff::row(const brobyg_str* values, std::size_t count, const char* origin) {
  Batch::Entry entry;
  entry.first = static_cast<std::uint32_t>(batch_->values.size());
  entry.count = static_cast<std::uint32_t>(count);
  const std::string_view where(origin);
  entry.origin = keep(where);
  entry.originSize = where.size();
  for (std::size_t i = 0; i < count; ++i) {
    const std::string_view value(values[i].data, values[i].size);
    batch_->values.emplace_back(keep(value), value.size());
  }
  batch_->entries.push_back(entry);
  if (batch_->entries.size() >= kBatchRows || batch_->bytes.size() >= kBatchBytes) handOn();
}

void RowHandOff::reject(const char* origin, const char* reason, std::string_view raw) {
  Batch::Entry entry;
  entry.rejected = true;
  const std::string_view where(origin), why(reason);
  entry.origin = keep(where);
  entry.originSize = where.size();
  entry.reason = keep(why);
  entry.reasonSize = why.size();
  entry.raw = keep(raw);
  entry.rawSize = raw.size();
  batch_->entries.push_back(entry);
  if (batch_->entries.size() >= kBatchRows || batch_->bytes.size() >= kBatchBytes) handOn();
}

void RowHandOff::handOn() {
  if (batch_->entries.empty()) return;
  if (!queue_.push(std::move(batch_))) rethrowFailure();  // closed: the worker failed
  batch_ = emptyBatch();
}

void RowHandOff::finish() {
  if (finished_) return;
  finished_ = true;
  handOn();
  queue_.close();  // the worker consumes what is queued, then ends
  worker_.join();
  if (failure_) std::rethrow_exception(failure_);
}

void RowHandOff::rethrowFailure() {
  if (failure_) std::rethrow_exception(failure_);
  throw Error("derive: the row consumer stopped");
}

void RowHandOff::work() {
  std::vector<brobyg_str> values;
  std::string origin, reason;
  try {
    while (std::optional<std::unique_ptr<Batch>> batch = queue_.pop()) {
      if (abandoned_) return;
      const Batch& b = **batch;
      const char* bytes = b.bytes.data();
      for (const Batch::Entry& e : b.entries) {
        // Plugins hand NUL-terminated texts: so does the hand-off.
        origin.assign(bytes + e.origin, e.originSize);
        if (e.rejected) {
          reason.assign(bytes + e.reason, e.reasonSize);
          next_.reject(origin.c_str(), reason.c_str(), std::string_view(bytes + e.raw, e.rawSize));
          continue;
        }
        values.resize(e.count);
        for (std::uint32_t i = 0; i < e.count; ++i) {
          const auto& [offset, size] = b.values[e.first + i];
          values[i] = brobyg_str{bytes + offset, static_cast<std::size_t>(size)};
        }
        next_.row(values.data(), values.size(), origin.c_str());
      }
      (*batch)->bytes.clear();
      (*batch)->values.clear();
      (*batch)->entries.clear();
      std::lock_guard lock(spareMutex_);
      spare_.push_back(std::move(*batch));
    }
  } catch (...) {
    failure_ = std::current_exception();
    queue_.close();  // the caller's next hand-over sees it
  }
}

}  // namespace brobyg::pipeline
