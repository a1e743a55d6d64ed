#include <iomanip>
#include <ostream>

#include "Commands.h"
#include "plugin/PluginRegistry.h"

namespace brobyg::cli {

namespace {

void describe(const plugin::PluginLibrary& p, std::ostream& out) {
  const auto& d = p.descriptor();
  out << d.name << " " << d.version << " (" << plugin::kindName(d.kind) << ", "
      << plugin::threadSafetyName(d.thread_safety) << ", ABI " << d.abi_major << "."
      << d.abi_minor << ")\n"
      << d.description << "\nFile: " << p.path() << "\n\nSettings:\n";
  for (const auto& s : p.settings()) {
    out << "  " << s.key << "  (" << plugin::settingTypeName(s.type);
    if (s.flags & BROBYG_SETTING_REQUIRED) out << ", required";
    if (s.flags & BROBYG_SETTING_SECRET) out << ", secret";
    if (s.default_value != nullptr) out << ", default: " << s.default_value;
    out << ")\n      " << s.description << "\n";
    if (s.type == BROBYG_SETTING_CHOICE) out << "      One of: " << s.choices << "\n";
    if (s.type == BROBYG_SETTING_MAP)
      out << "      Written as <map key=\"" << s.key
          << "\"><entry key=\"...\">value</entry></map>\n";
  }
}

}  // namespace

int pluginsCommand(const Invocation& in, std::ostream& out) {
  plugin::PluginRegistry registry(in.get("plugin-dir", plugin::PluginRegistry::defaultDirectory()));
  if (in.has("describe")) {
    auto p = registry.find(in.get("describe"));
    if (!p) throw UsageError(registry.missingMessage(in.get("describe")));
    describe(*p, out);
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
