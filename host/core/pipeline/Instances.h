#pragma once

#include <memory>
#include <string>

#include "config/Config.h"
#include "plugin/PluginInstance.h"
#include "plugin/PluginRegistry.h"

namespace brobyg::dataset {
class DatasetSpec;
}

namespace brobyg::pipeline {

// Creates the configured plugin instance: finds its plugin, validates its settings against
// the plugin's table and starts it. Errors name the configuration file and line.
std::unique_ptr<plugin::PluginInstance> createInstance(const config::Config& config,
                                                       const plugin::PluginRegistry& registry,
                                                       const config::InstanceConfig& instance,
                                                       bool isSource,
                                                       const dataset::DatasetSpec* dataset);

}  // namespace brobyg::pipeline
