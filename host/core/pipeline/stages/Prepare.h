#pragma once

#include <string>

#include "config/Config.h"
#include "pipeline/StateLayout.h"
#include "state/StateStore.h"
#include "util/Error.h"

namespace brobyg::pipeline {

// A job refused before it read anything (its legal basis has expired).
class JobRefused : public Error {
 public:
  using Error::Error;
};

struct AdmittedJob {
  const config::JobConfig& job;
  const config::ProjectConfig& project;
};

// Whether `jobId` may run now: it exists, its legal basis has not expired (JobRefused) and its
// project is configured (brobyg::Error).
AdmittedJob admitJob(const config::Config& config, const std::string& jobId);

// Before a run reads anything, under the job's lock: the outbox is checked against its
// records, retention applied, and what crashed runs of the job left behind is tidied (their
// work files removed, their quarantine published or dropped, the runs marked interrupted).
void tidyBeforeRun(const config::Config& config, const StateLayout& layout,
                   state::StateStore& store, const std::string& jobId);

}  // namespace brobyg::pipeline
