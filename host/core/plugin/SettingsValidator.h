#pragma once

#include <brobyg_plugin.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "util/Problem.h"

namespace brobyg::plugin {

class PluginLibrary;

// Where a setting's value came from: written in the configuration file, or read (by the
// configuration loader) from a private file or an environment variable. Settings the plugin
// flags BROBYG_SETTING_SECRET must not be written inline.
enum class SettingOrigin { Inline, File, Env };

// A setting as the admin wrote it. For a map setting, key is "<map>.<entry>".
struct ConfiguredSetting {
  std::string key;
  std::string value;
  long line = 0;  // line in the configuration file, for error messages
  SettingOrigin origin = SettingOrigin::Inline;
};

// A problem with a setting: brobyg::Problem, at the setting's line of the configuration.
using SettingProblem = brobyg::Problem;

// The settings to hand to create(): validated, defaults filled in, paths made absolute.
struct ValidatedSettings {
  std::vector<std::pair<std::string, std::string>> values;
  // The values of the settings the table flags secret: the host blanks them out of anything
  // the plugin says (errors, log lines, reject reasons) before it is printed or stored.
  std::vector<std::string> secrets;
  Problems problems;
  bool ok() const { return !hasErrors(problems); }
};

// Validates an instance's settings against its plugin's table, so that every plugin gives
// the same clear errors: unknown key (with the nearest known key), missing required key,
// wrong type, a secret written inline. Each message names the instance and the key; secret
// values never appear.
// `baseDir` resolves relative paths (the configuration file's folder).
ValidatedSettings validateSettings(const std::string& instanceLabel, const PluginLibrary& plugin,
                                   const std::vector<ConfiguredSetting>& settings,
                                   const std::string& baseDir, long instanceLine = 0);

// Why `value` is not valid for setting `def` (empty when valid). Map settings are checked
// per entry by validateSettings. Whole numbers and durations must lie in the range the table
// gives (brobyg_plugin.h: choices "min..max").
std::string valueProblem(const brobyg_setting_def& def, const std::string& value);

// The inclusive range of an INT setting (whole numbers) or a DURATION setting (seconds),
// read from `choices` ("0..1000000", "1s..1d"). Empty when the table gives none or an
// unreadable one (settingsTableProblems tells which).
struct SettingRange {
  std::int64_t min;
  std::int64_t max;
};
std::optional<SettingRange> settingRange(const brobyg_setting_def& def);

// "from 0 to 1000000" / "from 1s to 1d": the range as the table wrote it, for messages.
std::string describeRange(const brobyg_setting_def& def);

// What is wrong with a plugin's settings table itself, per setting, at `line`: an unreadable
// range is an error (no value can be checked against it); an INT without a range is a
// warning (plugins built before ranges existed still load, but nothing bounds their values).
Problems settingsTableProblems(const PluginLibrary& plugin, const std::string& label, long line);

}  // namespace brobyg::plugin
