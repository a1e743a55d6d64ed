#include <ostream>

#include "Commands.h"
#include "ExitCodes.h"
#include "config/ConfigCheck.h"
#include "config/ConfigLoader.h"
#include "pipeline/JobRunner.h"
#include "pipeline/SummaryLine.h"
#include "plugin/PluginRegistry.h"
#include "util/Console.h"
#include "util/Error.h"

namespace brobyg::cli {

namespace {

// What `brobyg check` would refuse for this job refuses the run before it reads anything.
void refuseWhatCheckRefuses(const config::Config& cfg, const plugin::PluginRegistry& registry,
                            const std::string& job) {
  Problems problems = config::preflight(cfg, registry, job);
  if (problems.empty()) return;
  if (!hasErrors(problems)) {
    console::err() << formatProblems(cfg.path, problems);
    return;
  }
  throw config::ConfigError(cfg.path, problems);
}

}  // namespace

int runCommand(const Invocation& in, std::ostream& out) {
  in.require("config");
  const std::string job = in.require("job");
  if (!in.has("once")) throw UsageError("'run' needs --once (scheduled runs are brobygd's job)");
  const config::Config cfg = loadConfiguration(in);
  if (cfg.job(job) == nullptr) {
    std::string known;
    for (const auto& j : cfg.jobs) known += (known.empty() ? "" : ", ") + j.id;
    throw UsageError(cfg.path + ": no job '" + job + "'" +
                     (known.empty() ? "" : " (jobs: " + known + ")"));
  }
  plugin::PluginRegistry registry(cfg.pluginDirectory(), cfg.pluginNames());
  refuseWhatCheckRefuses(cfg, registry, job);
  pipeline::JobRunner runner(cfg, registry);
  pipeline::RunResult result = runner.runOnce(job);
  out << pipeline::summaryLine(job, result) << "\n";
  if (!result.quarantinePath.empty())
    out << "rejected rows are in " << result.quarantinePath << " (readable only by this user)\n";
  if (!result.deliveryError.empty()) out << "delivery: " << result.deliveryError << "\n";
  if (result.sourceNotReady)
    out << "a source is not ready (" << result.summary.message
        << "); nothing was kept, run the job again later\n";
  return exitCodeOf(result);
}

}  // namespace brobyg::cli
