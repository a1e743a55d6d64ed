#include <cstdio>
#include <iomanip>
#include <ostream>

#include "Commands.h"
#include "plugin/PluginRegistry.h"
#include "plugin/SettingsValidator.h"

namespace brobyg::cli {

namespace {

// A secret setting's default is never printed (it would be a password in every install).
const char* defaultText(const brobyg_setting_def& s) {
  return (s.flags & BROBYG_SETTING_SECRET) != 0 ? "(secret)" : s.default_value;
}

void describe(const plugin::PluginLibrary& p, std::ostream& out) {
  const auto& d = p.descriptor();
  out << d.name << " " << d.version << " (" << plugin::kindName(d.kind) << ", "
      << plugin::threadSafetyName(d.thread_safety) << ", ABI " << d.abi_major << "." << d.abi_minor
      << ")\n"
      << d.description << "\nFile: " << p.path() << "\n\nSettings:\n";
  for (const auto& s : p.settings()) {
    out << "  " << s.key << "  (" << plugin::settingTypeName(s.type);
    if (s.flags & BROBYG_SETTING_REQUIRED) out << ", required";
    if (s.flags & BROBYG_SETTING_SECRET) out << ", secret";
    if (s.default_value != nullptr) out << ", default: " << defaultText(s);
    out << ")\n      " << s.description << "\n";
    if (s.type == BROBYG_SETTING_CHOICE) out << "      One of: " << s.choices << "\n";
    if (!plugin::describeRange(s).empty())
      out << "      Range: " << plugin::describeRange(s) << " (inclusive)\n";
    if (s.type == BROBYG_SETTING_MAP)
      out << "      Written as <map key=\"" << s.key
          << "\"><entry key=\"...\">value</entry></map>\n";
  }
  for (const Problem& problem : plugin::settingsTableProblems(p, "settings table", 0))
    out << (problem.isWarning() ? "\nwarning: " : "\nerror: ") << problem.message << "\n";
}

std::string jsonString(const char* text) {
  std::string out = "\"";
  for (const char* c = text != nullptr ? text : ""; *c != '\0'; ++c) {
    switch (*c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(*c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", *c);
          out += escaped;
        } else {
          out += *c;
        }
    }
  }
  return out + "\"";
}

// {"min": "0", "max": "100"} as the table wrote them (durations keep their unit), or null.
std::string rangeJson(const brobyg_setting_def& s) {
  if (!plugin::settingRange(s)) return "null";
  std::string text = s.choices;
  std::size_t dots = text.find("..");
  return "{\"min\": " + jsonString(text.substr(0, dots).c_str()) +
         ", \"max\": " + jsonString(text.substr(dots + 2).c_str()) + "}";
}

// The settings table as JSON (as Fluent Bit prints its config maps), for documentation tools.
void describeJson(const plugin::PluginLibrary& p, std::ostream& out) {
  const auto& d = p.descriptor();
  out << "{\"name\": " << jsonString(d.name) << ", \"version\": " << jsonString(d.version)
      << ", \"kind\": " << jsonString(plugin::kindName(d.kind))
      << ", \"thread_safety\": " << jsonString(plugin::threadSafetyName(d.thread_safety))
      << ", \"abi\": \"" << d.abi_major << "." << d.abi_minor << "\""
      << ", \"description\": " << jsonString(d.description) << ", \"settings\": [";
  bool first = true;
  for (const auto& s : p.settings()) {
    out << (first ? "\n" : ",\n") << "  {\"key\": " << jsonString(s.key)
        << ", \"type\": " << jsonString(plugin::settingTypeName(s.type))
        << ", \"required\": " << ((s.flags & BROBYG_SETTING_REQUIRED) ? "true" : "false")
        << ", \"secret\": " << ((s.flags & BROBYG_SETTING_SECRET) ? "true" : "false")
        << ", \"default\": " << (s.default_value ? jsonString(defaultText(s)) : "null")
        << ", \"choices\": "
        << (s.type == BROBYG_SETTING_CHOICE && s.choices ? jsonString(s.choices) : "null")
        << ", \"range\": " << rangeJson(s) << ", \"description\": " << jsonString(s.description)
        << "}";
    first = false;
  }
  out << "\n], \"warnings\": [";
  first = true;
  for (const Problem& problem : plugin::settingsTableProblems(p, "settings table", 0)) {
    out << (first ? "" : ", ") << jsonString(problem.message.c_str());
    first = false;
  }
  out << "]}\n";
}

}  // namespace

int pluginsCommand(const Invocation& in, std::ostream& out) {
  plugin::PluginRegistry registry(in.get("plugin-dir", plugin::PluginRegistry::defaultDirectory()));
  if (in.has("describe")) {
    auto p = registry.find(in.get("describe"));
    if (!p) throw UsageError(registry.missingMessage(in.get("describe")));
    std::string format = in.get("format", "text");
    if (format == "json")
      describeJson(*p, out);
    else if (format == "text")
      describe(*p, out);
    else
      throw UsageError("--format takes text or json");
    return 0;
  }
  out << "Plugins in " << registry.directory() << ":\n";
  for (const auto& [name, p] : registry.plugins())
    out << "  " << std::left << std::setw(12) << name << std::setw(13)
        << plugin::kindName(p->descriptor().kind) << std::setw(9) << p->version()
        << p->descriptor().description << "\n";
  for (const auto& [file, why] : registry.failures()) out << "  refused: " << why << "\n";
  return registry.failures().empty() ? 0 : 1;
}

}  // namespace brobyg::cli
