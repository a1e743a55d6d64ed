#pragma once

#include <brobyg_plugin.h>

#include <string>
#include <vector>

namespace brobyg::plugin {

class PluginLibrary;

// A setting as the admin wrote it. For a map setting, key is "<map>.<entry>".
struct ConfiguredSetting {
  std::string key;
  std::string value;
  long line = 0;  // line in the configuration file, for error messages
};

struct SettingProblem {
  long line;
  std::string message;
};

// The settings to hand to create(): validated, defaults filled in, paths made absolute.
struct ValidatedSettings {
  std::vector<std::pair<std::string, std::string>> values;
  std::vector<SettingProblem> problems;
  bool ok() const { return problems.empty(); }
};

// Validates an instance's settings against its plugin's table, so that every plugin gives
// the same clear errors: unknown key (with the nearest known key), missing required key,
// wrong type. Each message names the instance and the key; secret values never appear.
// `baseDir` resolves relative paths (the configuration file's folder).
ValidatedSettings validateSettings(const std::string& instanceLabel, const PluginLibrary& plugin,
                                   const std::vector<ConfiguredSetting>& settings,
                                   const std::string& baseDir, long instanceLine = 0);

// Why `value` is not valid for setting `def` (empty when valid). Map settings are checked
// per entry by validateSettings.
std::string valueProblem(const brobyg_setting_def& def, const std::string& value);

}  // namespace brobyg::plugin
