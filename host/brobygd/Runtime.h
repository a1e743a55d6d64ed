#pragma once

#include <memory>
#include <utility>

#include "config/Config.h"
#include "plugin/PluginRegistry.h"

namespace brobyg::daemon {

// One loaded configuration with the plugins it uses. The scheduler and the admin API hold it
// by shared_ptr for the length of a run or a request: a reload swaps in a new one for the
// next runs, and a run in progress finishes on the one it started with.
struct Runtime {
  explicit Runtime(config::Config c)
      : config(std::move(c)), registry(config.pluginDirectory(), config.pluginNames()) {}

  const config::Config config;
  const plugin::PluginRegistry registry;
};

using RuntimePtr = std::shared_ptr<const Runtime>;

}  // namespace brobyg::daemon
