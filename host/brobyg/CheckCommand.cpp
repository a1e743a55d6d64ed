#include <algorithm>
#include <ostream>

#include "Commands.h"
#include "ExitCodes.h"
#include "config/ConfigCheck.h"
#include "config/ConfigLoader.h"
#include "plugin/PluginRegistry.h"
#include "util/Error.h"

namespace brobyg::cli {

int checkCommand(const Invocation& in, std::ostream& out) {
  const std::string path = in.require("config");
  Problems problems;
  config::Config cfg;
  try {
    cfg = config::parseConfig(path, problems);
  } catch (const Error& e) {
    throw UsageError(e.what());  // unreadable: there is nothing to check
  }
  try {
    plugin::PluginRegistry registry(cfg.pluginDirectory(), cfg.pluginNames());
    auto more = config::checkConfig(cfg, registry);
    problems.insert(problems.end(), more.begin(), more.end());
  } catch (const Error& e) {
    problems.push_back(Problem::error(cfg.service.line, e.what()));
  }
  std::stable_sort(problems.begin(), problems.end(),
                   [](const auto& a, const auto& b) { return a.line < b.line; });
  out << formatProblems(cfg.path, problems);
  std::size_t errors = 0;
  for (const auto& p : problems) errors += p.isWarning() ? 0 : 1;
  out << cfg.path << ": " << errors << " error(s), " << problems.size() - errors << " warning(s)\n";
  return errors == 0 ? kExitOk : kExitUsage;
}

}  // namespace brobyg::cli
