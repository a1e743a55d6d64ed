#include "pipeline/stages/Derive.h"

#include <algorithm>

#include "util/Error.h"

namespace brobyg::pipeline {

namespace {

void addCounts(std::vector<RunCount>& total, const std::vector<RunCount>& more) {
  for (const RunCount& count : more) {
    auto same = std::find_if(total.begin(), total.end(),
                             [&](const RunCount& c) { return c.name == count.name; });
    if (same == total.end())
      total.push_back(count);
    else
      same->rows += count.rows;
  }
}

}  // namespace

Derive::Derive(pseudo::Pseudonymiser& pseudonymiser, const pseudo::Date& today,
               state::Quarantine& quarantine, state::RowDigestStore& digests,
               state::RunSummary& summary)
    : pseudonymiser_(pseudonymiser),
      today_(today),
      quarantine_(quarantine),
      digests_(digests),
      summary_(summary) {}

void Derive::beginSource(const std::string& sourceId, DatasetOutput& output) {
  if (normaliser_) addCounts(finishedCounts_, normaliser_->counts());
  sourceId_ = sourceId;
  output_ = &output;
  normaliser_ = RowNormaliser::forDataset(output.spec(), pseudonymiser_, today_);
  spool_ = &digests_.dataset(output.spec().name());
}

void Derive::prefetch(const brobyg_str* values, std::size_t count) {
  if (normaliser_) normaliser_->prefetch(values, count);
}

void Derive::row(const brobyg_str* values, std::size_t count, const char* origin) {
  if (output_ == nullptr) throw Error("derive: a row arrived before its source was named");
  ++summary_.rowsRead;
  if (!normaliser_->normalise(values, count, sourceId_, columns_, reason_)) {
    raw_.clear();
    for (std::size_t i = 0; i < count; ++i) {
      if (i) raw_.push_back(';');
      raw_.append(values[i].data, values[i].size);
    }
    quarantine_.add(sourceId_, origin, reason_, raw_);
    ++summary_.rowsRejected;
    return;
  }
  const std::uint64_t ordinal = output_->rows();
  const WrittenRow written = output_->write(columns_);
  spool_->add(written.record, ordinal, written.from, written.to);
  if (tap_) tap_->written(*output_, columns_, ordinal);
  ++summary_.rowsWritten;
}

std::vector<RunCount> Derive::counts() const {
  std::vector<RunCount> total = finishedCounts_;
  if (normaliser_) addCounts(total, normaliser_->counts());
  return total;
}

void Derive::reject(const char* origin, const char* reason, std::string_view raw) {
  ++summary_.rowsRead;
  ++summary_.rowsRejected;
  quarantine_.add(sourceId_, origin, reason, raw);
}

}  // namespace brobyg::pipeline
