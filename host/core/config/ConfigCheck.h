#pragma once

#include <string>

#include "config/Config.h"

namespace brobyg::plugin {
class PluginRegistry;
}

namespace brobyg::config {

// Everything `brobyg check` looks at beyond the file's structure: the state folder, files
// that must exist, key file permissions and contents, certificates (parse, validity, key
// match, a recipient that is a CA or the producer's own certificate), plugins (installed,
// right kind, settings against their tables, the plugin's own check), legal bases that have
// expired. Reports every problem, each at the line of the element it concerns.
Problems checkConfig(const Config& config, const plugin::PluginRegistry& registry);

// The same checks for what one job uses (the service, the producer, its project, recipients,
// sources and destination), made before every run by `brobyg run` and by brobygd: any error
// means the run reads nothing and ends as a configuration error (exit 2). Other jobs' problems
// do not stop this one. Two things are left to the run: the plugins' own reachability check
// (an export share or a server that is down is a failed run, exit 1, or a package the outbox
// retries, exit 3, not a configuration error) and an expired legal basis (the runner refuses
// the job, exit 4). An unknown job id is an error.
Problems preflight(const Config& config, const plugin::PluginRegistry& registry,
                   const std::string& jobId);

// Today's local date as yyyy-mm-dd.
std::string todayIso();

}  // namespace brobyg::config
