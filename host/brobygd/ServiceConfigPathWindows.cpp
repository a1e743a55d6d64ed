// Poco first: it includes winsock2.h, which must come before windows.h.
#include <Poco/Exception.h>
#include <Poco/Util/WinRegistryKey.h>

#include <shlobj.h>
#include <windows.h>

#include "ServiceConfigPath.h"
#include "util/Error.h"
#include "util/WindowsPath.h"

namespace brobyg::daemon {

namespace {

std::string parametersKey(const std::string& service) {
  return "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\" + service + "\\Parameters";
}

constexpr const char* kValueName = "ConfigFile";

}  // namespace

std::optional<std::string> recordedConfigPath(const std::string& service) {
  try {
    Poco::Util::WinRegistryKey key(parametersKey(service), true);
    if (!key.exists() || !key.exists(kValueName)) return std::nullopt;
    std::string path = key.getString(kValueName);
    if (path.empty()) return std::nullopt;
    return path;
  } catch (const Poco::Exception&) {
    return std::nullopt;  // unreadable: fall back to the next place, as if unset
  }
}

void recordConfigPath(const std::string& service, const std::string& path) {
  try {
    Poco::Util::WinRegistryKey key(parametersKey(service), false);
    key.setString(kValueName, path);
  } catch (const Poco::Exception& e) {
    throw Error(parametersKey(service) + "\\" + kValueName +
                ": cannot record the configuration path: " + e.displayText());
  }
}

std::string platformConfigPath() {
  PWSTR folder = nullptr;
  std::string base = "C:\\ProgramData";
  if (SHGetKnownFolderPath(FOLDERID_ProgramData, 0, nullptr, &folder) == S_OK)
    base = utf8Path(folder);
  CoTaskMemFree(folder);
  return base + "\\brobyg\\brobyg.xml";
}

}  // namespace brobyg::daemon
