#pragma once

#include <vector>

#include "config/Config.h"

namespace brobyg::plugin {
class PluginRegistry;
}

namespace brobyg::config {

// Everything `brobyg check` looks at beyond the file's structure: files that must exist,
// key file permissions and contents, certificates (parse, validity, key match), plugins
// (installed, right kind, settings against their tables), legal bases that have expired.
// Reports every problem, each at the line of the element it concerns.
std::vector<Problem> checkConfig(const Config& config, const plugin::PluginRegistry& registry);

// Today's local date as yyyy-mm-dd.
std::string todayIso();

}  // namespace brobyg::config
