#include "pipeline/Instances.h"

#include "dataset/DatasetSpec.h"
#include "pipeline/StateLayout.h"
#include "util/Error.h"
#include "util/FileSecurity.h"

namespace brobyg::pipeline {

std::unique_ptr<plugin::PluginInstance> createInstance(const config::Config& config,
                                                       const plugin::PluginRegistry& registry,
                                                       const config::InstanceConfig& instance,
                                                       bool isSource,
                                                       const dataset::DatasetSpec* dataset) {
  const char* kind = isSource ? "source" : "destination";
  std::string label = std::string(kind) + " '" + instance.id + "' (plugin " + instance.plugin + ")";
  auto library = registry.find(instance.plugin);
  if (!library)
    throw Error(located(config.path, instance.line,
                        label + ": " + registry.missingMessage(instance.plugin)));
  if (library->isSource() != isSource)
    throw Error(located(config.path, instance.line,
                        label + ": plugin '" + instance.plugin + "' is not a " + kind));
  auto settings =
      plugin::validateSettings(label, *library, instance.settings, config.directory, instance.line);
  if (!settings.ok()) {
    std::string message;
    for (const auto& p : settings.problems)
      message += (message.empty() ? "" : "\n") + located(config.path, p.line, p.message);
    throw Error(message);
  }
  const std::string workDir = StateLayout(config).pluginWork(kind, instance.id).string();
  createPrivateDirectory(workDir);
  return std::make_unique<plugin::PluginInstance>(library, instance.id, label, settings,
                                                  dataset ? dataset->abi() : nullptr, workDir);
}

}  // namespace brobyg::pipeline
