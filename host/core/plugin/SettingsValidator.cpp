#include "plugin/SettingsValidator.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>

#include "plugin/PluginLibrary.h"
#include "util/Duration.h"
#include "util/Utf8Path.h"

namespace brobyg::plugin {

namespace {

bool isInteger(const std::string& v) {
  std::size_t i = (!v.empty() && (v[0] == '-' || v[0] == '+')) ? 1 : 0;
  if (i >= v.size() || v.size() - i > 18) return false;
  return std::all_of(v.begin() + static_cast<std::ptrdiff_t>(i), v.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

bool takesRange(const brobyg_setting_def& def) {
  return def.type == BROBYG_SETTING_INT || def.type == BROBYG_SETTING_DURATION;
}

// A value or one end of a range: a whole number for INT, seconds of a duration for DURATION.
std::optional<std::int64_t> rangeEnd(const brobyg_setting_def& def, const std::string& text) {
  if (def.type == BROBYG_SETTING_DURATION) return parseDuration(text);
  if (!isInteger(text)) return std::nullopt;
  return std::stoll(text);
}

std::string rangeText(const brobyg_setting_def& def) {
  return takesRange(def) && def.choices != nullptr ? def.choices : "";
}

std::size_t editDistance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1] ? 1 : 0)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::string nearestKey(const std::string& key, const PluginLibrary& plugin) {
  std::string best;
  std::size_t bestDistance = 3;  // suggest only close matches
  for (const auto& def : plugin.settings()) {
    std::size_t d = editDistance(key, def.key);
    if (d < bestDistance) {
      bestDistance = d;
      best = def.key;
    }
  }
  return best;
}

}  // namespace

std::optional<SettingRange> settingRange(const brobyg_setting_def& def) {
  const std::string text = rangeText(def);
  std::size_t dots = text.find("..");
  if (dots == std::string::npos) return std::nullopt;
  auto min = rangeEnd(def, text.substr(0, dots));
  auto max = rangeEnd(def, text.substr(dots + 2));
  if (!min || !max || *min > *max) return std::nullopt;
  return SettingRange{*min, *max};
}

std::string describeRange(const brobyg_setting_def& def) {
  const std::string text = rangeText(def);
  std::size_t dots = text.find("..");
  if (dots == std::string::npos) return "";
  return "from " + text.substr(0, dots) + " to " + text.substr(dots + 2);
}

Problems settingsTableProblems(const PluginLibrary& plugin, const std::string& label, long line) {
  Problems problems;
  for (const brobyg_setting_def& def : plugin.settings()) {
    if (!takesRange(def)) continue;
    const std::string where = label + ": plugin " + plugin.name() + ", setting '" + def.key + "'";
    if (def.choices != nullptr && !settingRange(def))
      problems.push_back(Problem::error(line, where + ": its range '" + rangeText(def) +
                                                  "' is not min..max; no value is accepted"));
    else if (def.choices == nullptr && def.type == BROBYG_SETTING_INT)
      problems.push_back(Problem::warning(
          line, where + " has no range in the plugin's settings table: its values are unbounded"));
    else if (def.default_value != nullptr && !valueProblem(def, def.default_value).empty())
      problems.push_back(
          Problem::error(line, where + ": its default is outside its range " + describeRange(def)));
  }
  return problems;
}

std::string valueProblem(const brobyg_setting_def& def, const std::string& value) {
  switch (def.type) {
    case BROBYG_SETTING_INT:
    case BROBYG_SETTING_DURATION: {
      bool isInt = def.type == BROBYG_SETTING_INT;
      std::optional<std::int64_t> number = rangeEnd(def, value);
      if (!number)
        return isInt ? "expected a whole number" : "expected a duration such as 30s, 5m, 2h or 1d";
      if (def.choices == nullptr) return "";  // a table from before ranges: unbounded
      auto range = settingRange(def);
      if (!range) return "the plugin's table gives it no readable range";
      if (*number < range->min || *number > range->max)
        return std::string(isInt ? "expected a whole number " : "expected a duration ") +
               describeRange(def);
      return "";
    }
    case BROBYG_SETTING_BOOL:
      return value == "true" || value == "false" ? "" : "expected true or false";
    case BROBYG_SETTING_CHAR:
      return value.size() == 1 || value == "\\t" ? "" : "expected exactly one character";
    case BROBYG_SETTING_PATH:
      return value.empty() ? "expected a path" : "";
    case BROBYG_SETTING_CHOICE: {
      std::string choices = def.choices ? def.choices : "";
      std::size_t start = 0;
      while (start <= choices.size()) {
        std::size_t bar = choices.find('|', start);
        if (choices.substr(start, bar - start) == value) return "";
        if (bar == std::string::npos) break;
        start = bar + 1;
      }
      return "expected one of " + choices;
    }
    default:
      return "";
  }
}

ValidatedSettings validateSettings(const std::string& instanceLabel, const PluginLibrary& plugin,
                                   const std::vector<ConfiguredSetting>& settings,
                                   const std::string& baseDir, long instanceLine) {
  ValidatedSettings result;
  auto problem = [&](long line, const std::string& text) {
    result.problems.push_back(Problem::error(line, instanceLabel + ": " + text));
  };

  std::map<std::string, std::string> values;
  std::set<std::string> seenMaps;
  for (const ConfiguredSetting& s : settings) {
    std::string head = s.key.substr(0, s.key.find('.'));
    const brobyg_setting_def* def = plugin.findSetting(head);
    if (def == nullptr) {
      std::string hint = nearestKey(head, plugin);
      problem(s.line, "unknown setting '" + s.key + "'" +
                          (hint.empty() ? "" : " (did you mean '" + hint + "'?)") +
                          "; see: brobyg plugins --describe " + plugin.name());
      continue;
    }
    bool isMap = def->type == BROBYG_SETTING_MAP;
    if (isMap != (head != s.key) || (isMap && s.key.size() == head.size() + 1)) {
      problem(s.line, isMap
                          ? "setting '" + head + "' is a map: give it <entry key=\"...\"> children"
                          : "setting '" + head + "' is not a map");
      continue;
    }
    if (values.count(s.key) != 0) {
      problem(s.line, "setting '" + s.key + "' is given twice");
      continue;
    }
    const bool secret = (def->flags & BROBYG_SETTING_SECRET) != 0;
    if (secret && s.origin == SettingOrigin::Inline) {
      problem(s.line, "setting '" + s.key +
                          "' is secret: give it from a private file (file=\"...\") or an "
                          "environment variable (env=\"...\"), never written in the "
                          "configuration file");
      continue;
    }
    std::string why = isMap ? "" : valueProblem(*def, s.value);
    if (!why.empty()) {
      problem(s.line, "setting '" + s.key + "' has an invalid value: " + why);
      continue;
    }
    std::string value = s.value;
    if (def->type == BROBYG_SETTING_PATH && !baseDir.empty()) {
      const std::filesystem::path p = pathFromUtf8(value);
      if (p.is_relative()) value = utf8FromPath((pathFromUtf8(baseDir) / p).lexically_normal());
    }
    if (isMap) seenMaps.insert(head);
    if (secret && !value.empty()) result.secrets.push_back(value);
    values[s.key] = value;
  }

  for (const auto& def : plugin.settings()) {
    bool present =
        def.type == BROBYG_SETTING_MAP ? seenMaps.count(def.key) != 0 : values.count(def.key) != 0;
    if (present) continue;
    if (def.flags & BROBYG_SETTING_REQUIRED) {
      problem(instanceLine, "required setting '" + std::string(def.key) + "' is missing (" +
                                def.description + ")");
    } else if (def.default_value != nullptr && def.type != BROBYG_SETTING_MAP) {
      values[def.key] = def.default_value;
    }
  }
  result.values.assign(values.begin(), values.end());
  return result;
}

}  // namespace brobyg::plugin
