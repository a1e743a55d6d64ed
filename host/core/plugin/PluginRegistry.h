#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "plugin/PluginLibrary.h"

namespace brobyg::plugin {

// The plugins installed in one folder: every file named brobyg_<name>.so (.dll on Windows).
// A file that fails to load is recorded, not fatal, so one broken plugin does not hide the
// others; it only matters when a configuration uses it.
class PluginRegistry {
 public:
  // Loads every plugin of the folder (`brobyg plugins` lists them all).
  explicit PluginRegistry(std::string directory);
  // Loads only the plugins named in `wanted`: a run needs no other plugin's code, and each
  // one loaded costs its libraries' memory and start-up (the sql plugin's database clients).
  PluginRegistry(std::string directory, const std::set<std::string>& wanted);

  const std::string& directory() const { return directory_; }
  // nullptr when no plugin of that name loaded; see failures() for why.
  std::shared_ptr<PluginLibrary> find(const std::string& name) const;
  const std::map<std::string, std::shared_ptr<PluginLibrary>>& plugins() const { return plugins_; }
  // File path → why it was refused.
  const std::map<std::string, std::string>& failures() const { return failures_; }
  // A clear message for a configuration that names a plugin this registry lacks.
  std::string missingMessage(const std::string& name) const;

  // The default plugin folder: <exe dir>/../lib/brobyg/plugins (installed and build tree alike).
  static std::string defaultDirectory();
  static std::string fileNameFor(const std::string& pluginName);

 private:
  void load(const std::set<std::string>* wanted);

  std::string directory_;
  std::set<std::string>
      installed_;  // plugin names of the folder's files, loaded, refused or not asked for
  std::map<std::string, std::shared_ptr<PluginLibrary>> plugins_;
  std::map<std::string, std::string> failures_;
};

}  // namespace brobyg::plugin
