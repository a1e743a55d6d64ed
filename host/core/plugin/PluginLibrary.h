#pragma once

#include <brobyg_plugin.h>

#include <memory>
#include <string>
#include <vector>

namespace Poco {
class SharedLibrary;
}

namespace brobyg::plugin {

// One plugin file, loaded once and never unloaded while the process runs (dlclose may not
// unload, and Poco's destructor does not: CHECKLIST "Plugins"). Loading checks the ABI and
// that the descriptor is well formed, without creating an instance (like Kea's
// validateLibrary), so `brobyg check` can use it too.
class PluginLibrary {
 public:
  // Throws brobyg::Error naming the file when it cannot be loaded or is not a valid plugin.
  static std::shared_ptr<PluginLibrary> load(const std::string& path);

  const std::string& path() const { return path_; }
  const brobyg_plugin_descriptor& descriptor() const { return *descriptor_; }
  std::string name() const { return descriptor_->name; }
  std::string version() const { return descriptor_->version; }
  bool isSource() const { return descriptor_->kind == BROBYG_KIND_SOURCE; }
  std::vector<brobyg_setting_def> settings() const;
  const brobyg_setting_def* findSetting(const std::string& key) const;

 private:
  PluginLibrary(std::string path, Poco::SharedLibrary* library,
                const brobyg_plugin_descriptor* descriptor);

  std::string path_;
  Poco::SharedLibrary* library_;  // deliberately leaked: never unloaded
  const brobyg_plugin_descriptor* descriptor_;
};

// Checks a descriptor without calling any of its functions but the entry point.
// Returns the problems found (empty when valid). Exposed for the conformance suite.
std::vector<std::string> descriptorProblems(const brobyg_plugin_descriptor& descriptor);

const char* settingTypeName(uint32_t type);
const char* kindName(uint32_t kind);
const char* threadSafetyName(uint32_t safety);

}  // namespace brobyg::plugin
