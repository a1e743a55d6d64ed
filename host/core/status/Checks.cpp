#include "status/Checks.h"

#include <algorithm>

#include "config/ConfigCheck.h"
#include "util/Error.h"

namespace brobyg::status {

Problems checkProblems(const config::Config& config, const plugin::PluginRegistry& registry) {
  Problems problems;
  try {
    problems = config::checkConfig(config, registry);
  } catch (const Error& e) {
    problems.push_back(Problem::error(config.service.line, e.what()));
  }
  std::stable_sort(problems.begin(), problems.end(),
                   [](const auto& a, const auto& b) { return a.line < b.line; });
  return problems;
}

}  // namespace brobyg::status
