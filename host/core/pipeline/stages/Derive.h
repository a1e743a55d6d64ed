#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/RowNormaliser.h"
#include "pipeline/stages/Extract.h"
#include "pipeline/stages/RowTap.h"
#include "pipeline/stages/Write.h"
#include "pseudo/Date.h"
#include "pseudo/Pseudonymiser.h"
#include "state/Quarantine.h"
#include "state/RowDigestStore.h"
#include "state/StateStore.h"

namespace brobyg::pipeline {

// The derive stage: turns a source's rows into dataset rows. Each row is checked and
// pseudonymised (RowNormaliser); a row it refuses goes to the run's quarantine with its
// reason; the rest go to the dataset's output, and their digests to the dataset's spool
// (RowDigestStore), from which the deduplicate stage decides after the last row which of them
// were delivered before. Counts: read = written + rejected.
class Derive : public RowConsumer {
 public:
  Derive(pseudo::Pseudonymiser& pseudonymiser, const pseudo::Date& today,
         state::Quarantine& quarantine, state::RowDigestStore& digests, state::RunSummary& summary);

  // The rows that follow come from `sourceId` and belong to `output`'s dataset.
  void beginSource(const std::string& sourceId, DatasetOutput& output);
  // Every row written from now on is also shown to `tap` (absence_summary's inputs).
  void setTap(RowTap* tap) { tap_ = tap; }

  void row(const brobyg_str* values, std::size_t count, const char* origin) override;
  void prefetch(const brobyg_str* values, std::size_t count) override;
  void reject(const char* origin, const char* reason, std::string_view raw) override;

  // What the datasets' rules counted over this run's rows (e.g. case_measure's
  // legal_basis_unrecognised), summed by name over every source, in first-seen order.
  std::vector<RunCount> counts() const;

 private:
  pseudo::Pseudonymiser& pseudonymiser_;
  pseudo::Date today_;
  state::Quarantine& quarantine_;
  state::RowDigestStore& digests_;
  state::RunSummary& summary_;

  std::string sourceId_;
  DatasetOutput* output_ = nullptr;
  std::unique_ptr<RowNormaliser> normaliser_;
  state::RowDigestSpool* spool_ = nullptr;
  RowTap* tap_ = nullptr;
  std::vector<RunCount> finishedCounts_;  // of the sources before the current one
  // Reused per row: no allocation once warmed up.
  std::vector<std::string_view> columns_;
  std::string reason_;
  std::string raw_;
};

}  // namespace brobyg::pipeline
