#include "pipeline/stages/Prepare.h"

#include <Poco/Logger.h>

#include <filesystem>

#include "config/ConfigCheck.h"
#include "pipeline/OutboxReconcile.h"
#include "pipeline/Retention.h"
#include "state/Quarantine.h"

namespace brobyg::pipeline {

AdmittedJob admitJob(const config::Config& config, const std::string& jobId) {
  const config::JobConfig* job = config.job(jobId);
  if (job == nullptr) throw Error(config.path + ": no job '" + jobId + "'");
  if (job->legalBasis.expires < config::todayIso())
    throw JobRefused("job '" + jobId + "' refused: its legal basis '" + job->legalBasis.agreement +
                     "' expired on " + job->legalBasis.expires);
  const config::ProjectConfig* project = config.project(job->project);
  if (project == nullptr) throw Error("job '" + jobId + "': project is not configured");
  return {*job, *project};
}

void tidyBeforeRun(const config::Config& config, const StateLayout& layout,
                   state::StateStore& store, const std::string& jobId) {
  reconcileOutbox(store, layout.outbox().string());
  applyRetention(config, store, state::nowSeconds());
  // Leftovers of this job's runs that crashed: their input is read again now. The layout
  // refuses a job id that would make this folder anything but the job's own.
  std::error_code ec;
  std::filesystem::remove_all(layout.jobWork(jobId), ec);
  state::Quarantine::recoverAbandoned(layout.quarantine().string(), jobId, store);
  if (int n = store.markInterruptedRuns(jobId); n > 0)
    Poco::Logger::get("brobyg.run")
        .warning(std::to_string(n) + " earlier run(s) of job '" + jobId + "' were interrupted");
}

}  // namespace brobyg::pipeline
