#include "pipeline/stages/Commit.h"

#include <Poco/Logger.h>

#include "util/CrashPoint.h"

namespace brobyg::pipeline {

Commit::Commit(state::StateStore& store, long runId, state::Quarantine& quarantine,
               state::RowDigestStore& digests, Summarise* summarise)
    : store_(store),
      runId_(runId),
      quarantine_(quarantine),
      digests_(digests),
      summarise_(summarise) {}

void Commit::commit(const state::RunSummary& summary,
                    const std::vector<std::pair<std::string, std::string>>& cursors,
                    const std::optional<state::OutboxEntry>& package) {
  // Durable before the cursors move past the rejected and delivered rows.
  quarantine_.prepare();
  if (package) crashPoint("package-staged");
  std::vector<state::DigestGeneration> generations = digests_.generations();
  if (summarise_ && summarise_->generation()) generations.push_back(*summarise_->generation());
  store_.commitRun(runId_, summary, cursors, package, generations);
  crashPoint("run-committed");
  quarantine_.publish();
  digests_.retire();
  if (summarise_) summarise_->retire();
}

void Commit::abandon(const state::RunSummary& summary) noexcept {
  try {
    quarantine_.discard();
  } catch (const std::exception& e) {
    // The job's next start removes what is left of an uncommitted run's quarantine.
    Poco::Logger::get("brobyg.run").warning(std::string("quarantine: ") + e.what());
  }
  // What it leaves (it does not throw) the job's next start removes.
  digests_.discard();
  if (summarise_) summarise_->discard();
  store_.finishRunWithoutCommit(runId_, summary);
}

}  // namespace brobyg::pipeline
