#pragma once

#include "pipeline/JobRunner.h"

namespace brobyg::cli {

// Exit codes of brobyg (the table in docs/operations.md and the README).
enum ExitCode {
  kExitOk = 0,             // done: package delivered, or nothing new to send
  kExitRunFailed = 1,      // source, packaging or state failure: nothing committed
  kExitUsage = 2,          // bad command line or configuration
  kExitNotDelivered = 3,   // package staged in the outbox, delivery will be retried
  kExitRefused = 4,        // legal basis expired, or rows below the k the job enforces
  kExitSourceNotReady = 5  // a source said "try later": nothing was kept, run again later
};

// The exit code of a run that ended without an exception.
inline int exitCodeOf(const pipeline::RunResult& result) {
  if (result.sourceNotReady) return kExitSourceNotReady;
  if (result.staged() && !result.delivered()) return kExitNotDelivered;
  return kExitOk;
}

}  // namespace brobyg::cli
