#pragma once

#include <string>

#include "config/Config.h"
#include "plugin/PluginRegistry.h"
#include "state/StateStore.h"
#include "util/Error.h"

namespace brobyg::pipeline {

// Exit codes of `brobyg run` (documented in docs/operations.md).
enum ExitCode {
  kExitOk = 0,            // package delivered, or nothing new to send
  kExitRunFailed = 1,     // source, packaging or state failure: nothing committed
  kExitUsage = 2,         // bad command line or configuration
  kExitNotDelivered = 3,  // package staged in the outbox, delivery will be retried
  kExitRefused = 4        // the job's legal basis has expired (or does not allow it)
};

// A job refused before it read anything.
class JobRefused : public Error {
 public:
  using Error::Error;
};

struct RunResult {
  state::RunSummary summary;
  std::string packagePath;     // the staged package in the outbox; empty when none
  std::string quarantinePath;  // rejected rows of this run; empty when none
  state::OutboxState delivery = state::OutboxState::Staged;
  std::string receipt;
  std::string deliveryError;
  int exitCode = kExitOk;
};

// Runs one job once: pull every source after its cursor, normalise and pseudonymise,
// write the datasets, build the signed and encrypted package, stage it in the outbox, commit
// the cursors with it in one transaction, then deliver. A failure before the commit leaves
// cursors and outbox as they were, so the next run reads the same data again.
class JobRunner {
 public:
  JobRunner(const config::Config& config, const plugin::PluginRegistry& registry);
  RunResult runOnce(const std::string& jobId, bool deliver = true);

 private:
  const config::Config& config_;
  const plugin::PluginRegistry& registry_;
};

// The state store of a configuration: <state-directory>/brobyg.db.
std::string stateDatabasePath(const config::Config& config);
std::string outboxDirectory(const config::Config& config);
std::string quarantineDirectory(const config::Config& config);
// The installed schemas and codebook: <exe dir>/../share/brobyg/schemas.
std::string schemaDirectory();

// One line for logs and terminals, no personal data.
std::string summaryLine(const std::string& job, const RunResult& result);

}  // namespace brobyg::pipeline
