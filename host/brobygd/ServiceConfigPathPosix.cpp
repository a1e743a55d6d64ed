#include "ServiceConfigPath.h"
#include "util/Error.h"

namespace brobyg::daemon {

std::optional<std::string> recordedConfigPath(const std::string&) {
  return std::nullopt;
}

void recordConfigPath(const std::string&, const std::string&) {
  throw Error(
      "services are registered with /registerService on Windows only; on Linux the "
      "systemd unit passes --config");
}

std::string platformConfigPath() {
  return "/etc/brobyg/brobyg.xml";
}

}  // namespace brobyg::daemon
