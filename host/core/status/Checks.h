#pragma once

#include "util/Problem.h"

namespace brobyg::config {
struct Config;
}
namespace brobyg::plugin {
class PluginRegistry;
}

namespace brobyg::status {

// What `brobyg check` reports beyond the file's structure (config::checkConfig), by line. A
// check that throws becomes an error at the <service> line instead of hiding the rest. It can
// take seconds (plugins check their servers): brobygd computes it at start and at reload.
Problems checkProblems(const config::Config& config, const plugin::PluginRegistry& registry);

}  // namespace brobyg::status
