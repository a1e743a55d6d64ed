#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/stages/Summarise.h"
#include "state/Quarantine.h"
#include "state/RowDigestStore.h"
#include "state/StateStore.h"

namespace brobyg::pipeline {

// The commit stage: the only place where a run's cursors move. As a checkpoint in the
// Airbyte protocol counts only once the records before it are durable, the cursors are stored
// in the same SQLite transaction as the staged package's outbox record and the generation of
// the delivered rows' digests, after the quarantined rows and the digests are on disk (the
// deduplicate stage wrote the digests):
//
//   quarantine.prepare → [crash point package-staged]
//   → commitRun(summary, cursors, package, the digests' and the summary store's generations)
//   → [crash point run-committed] → quarantine.publish → digests.retire, summarise.retire
//   (the replaced generations)
//
// A crash before commitRun leaves cursors, outbox and digests as they were: the next run
// reads the same rows again. A crash after it only delays the quarantine's publication and
// the removal of old digest files, which the job's next start completes
// (state::Quarantine::recoverAbandoned, state::RowDigestStore::dataset).
class Commit {
 public:
  // `summarise`: the job's absence_summary stage, when it ships one.
  Commit(state::StateStore& store, long runId, state::Quarantine& quarantine,
         state::RowDigestStore& digests, Summarise* summarise = nullptr);

  void commit(const state::RunSummary& summary,
              const std::vector<std::pair<std::string, std::string>>& cursors,
              const std::optional<state::OutboxEntry>& package);

  // The run ends without committing (it failed, or a source was not ready): its quarantined
  // rows and digests are forgotten and its outcome recorded. Never throws: it runs while
  // another error is on its way out.
  void abandon(const state::RunSummary& summary) noexcept;

 private:
  state::StateStore& store_;
  long runId_;
  state::Quarantine& quarantine_;
  state::RowDigestStore& digests_;
  Summarise* summarise_;
};

}  // namespace brobyg::pipeline
