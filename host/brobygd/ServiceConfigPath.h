#pragma once

#include <optional>
#include <string>

namespace brobyg::daemon {

// Where the service finds brobyg.xml when no --config is given. The Windows service control
// manager starts a service without the arguments of its registered command line (poco#2190)
// and in System32, so `brobygd /registerService --config=FILE` records FILE for the service
// instead (ServiceConfigPathWindows.cpp: the registry value
// HKLM\SYSTEM\CurrentControlSet\Services\<service>\Parameters\ConfigFile, which the MSI sets
// too). POSIX (ServiceConfigPathPosix.cpp): systemd passes arguments, nothing is recorded.

// The path recorded for `service`, if any.
std::optional<std::string> recordedConfigPath(const std::string& service);

// Records `path` for `service`, which must be registered already. Throws brobyg::Error naming
// the registry key (Windows) or saying that there is nothing to record (POSIX).
void recordConfigPath(const std::string& service, const std::string& path);

// The platform's own place for the configuration: /etc/brobyg/brobyg.xml, or
// %ProgramData%\brobyg\brobyg.xml on Windows.
std::string platformConfigPath();

}  // namespace brobyg::daemon
