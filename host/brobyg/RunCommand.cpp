#include <ostream>

#include "Commands.h"
#include "config/ConfigLoader.h"
#include "pipeline/JobRunner.h"
#include "plugin/PluginRegistry.h"
#include "util/Error.h"
#include "util/IdentifierMask.h"

namespace brobyg::cli {

int runCommand(const Invocation& in, std::ostream& out) {
  const std::string path = in.require("config");
  const std::string job = in.require("job");
  if (!in.has("once")) throw UsageError("'run' needs --once (scheduled runs are brobygd's job)");
  config::Config cfg;
  try {
    cfg = config::loadConfig(path);
  } catch (const config::ConfigError& e) {
    throw UsageError(std::string("configuration has problems (see brobyg check):\n") + e.what());
  } catch (const Error& e) {
    throw UsageError(e.what());
  }
  if (cfg.job(job) == nullptr) {
    std::string known;
    for (const auto& j : cfg.jobs) known += (known.empty() ? "" : ", ") + j.id;
    throw UsageError(cfg.path + ": no job '" + job + "'" +
                     (known.empty() ? "" : " (jobs: " + known + ")"));
  }
  plugin::PluginRegistry registry(cfg.pluginDirectory());
  pipeline::JobRunner runner(cfg, registry);
  pipeline::RunResult result = runner.runOnce(job);
  out << pipeline::summaryLine(job, result) << "\n";
  if (!result.quarantinePath.empty())
    out << "rejected rows are in " << result.quarantinePath << " (readable only by this user)\n";
  if (!result.deliveryError.empty())
    out << "delivery: " << maskIdentifiers(result.deliveryError) << "\n";
  return result.exitCode;
}

}  // namespace brobyg::cli
