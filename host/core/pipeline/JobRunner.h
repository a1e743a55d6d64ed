#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "config/Config.h"
#include "pipeline/RowNormaliser.h"
#include "pipeline/stages/Prepare.h"
#include "plugin/PluginRegistry.h"
#include "state/StateStore.h"

namespace brobyg::pipeline {

struct RunResult {
  state::RunSummary summary;     // status ok, nothing-new or retry-later
  std::vector<RunCount> counts;  // what the datasets' rules counted (RowNormaliser::counts)
  std::string packagePath;       // the staged package in the outbox; empty when none
  std::string quarantinePath;    // rejected rows of this run; empty when none
  state::OutboxState delivery = state::OutboxState::Staged;
  std::string receipt;
  std::string deliveryError;
  // A source answered "retry later": nothing was committed, the run is to be repeated.
  bool sourceNotReady = false;

  bool staged() const { return !summary.packageId.empty(); }
  bool delivered() const { return delivery == state::OutboxState::Delivered; }
};

// Runs one job once, as a pipeline of named stages (docs/architecture.md "A run"):
//
//   admit → tidy → extract → derive → write → package → commit → deliver
//
// Every source is pulled after its cursor (extract), its rows checked and pseudonymised
// (derive), written as the job's datasets (write), packed, signed and encrypted into the
// outbox (package); then the cursors move in one transaction with the outbox record (commit)
// and the package is sent (deliver). A failure before the commit leaves cursors, outbox and
// quarantine as they were, so the next run reads the same data again. The stages live in
// pipeline/stages/, one file each; this class only wires them.
class JobRunner {
 public:
  JobRunner(const config::Config& config, const plugin::PluginRegistry& registry);
  // Throws JobRefused when the legal basis has expired, brobyg::Error when the run failed.
  // A source that is not ready is no failure: see RunResult::sourceNotReady.
  RunResult runOnce(const std::string& jobId, bool deliver = true);

 private:
  const config::Config& config_;
  const plugin::PluginRegistry& registry_;
};

}  // namespace brobyg::pipeline
