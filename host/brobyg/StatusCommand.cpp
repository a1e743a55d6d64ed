#include <ostream>

#include "Commands.h"
#include "config/ConfigLoader.h"
#include "pipeline/StateLayout.h"
#include "plugin/PluginRegistry.h"
#include "state/StateStore.h"
#include "status/Checks.h"
#include "status/StatusJson.h"
#include "status/StatusModel.h"
#include "status/StatusText.h"

namespace brobyg::cli {

// What the status page shows, from the state store and the configuration: works with brobygd
// stopped. The problems are brobyg check's, made now.
int statusCommand(const Invocation& in, std::ostream& out) {
  const std::string format = in.get("format", "text");
  if (format != "text" && format != "json")
    throw UsageError("--format must be text or json, not '" + format + "'");
  const config::Config cfg = loadConfiguration(in);
  plugin::PluginRegistry registry(cfg.pluginDirectory(), cfg.pluginNames());
  const Problems problems = status::checkProblems(cfg, registry);
  state::StateStore store(pipeline::StateLayout(cfg).database().string());
  const status::Status model = status::collect(cfg, store, problems, state::nowSeconds(), 5);
  out << (format == "json" ? status::toJson(model) + "\n" : status::toText(model));
  return 0;
}

}  // namespace brobyg::cli
