#pragma once

#include <brobyg_plugin.h>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "util/Problem.h"

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
  // The host's copy of the plugin's descriptor (see readDescriptor).
  const brobyg_plugin_descriptor& descriptor() const { return descriptor_; }
  std::string name() const { return descriptor_.name; }
  std::string version() const { return descriptor_.version; }
  bool isSource() const { return descriptor_.kind == BROBYG_KIND_SOURCE; }
  std::vector<brobyg_setting_def> settings() const;
  const brobyg_setting_def* findSetting(const std::string& key) const;

 private:
  PluginLibrary(std::string path, Poco::SharedLibrary* library,
                const brobyg_plugin_descriptor& descriptor);

  std::string path_;
  [[maybe_unused]] Poco::SharedLibrary* library_;  // deliberately leaked: never unloaded
  brobyg_plugin_descriptor descriptor_;
};

// The bytes of the ABI 1.0 descriptor (every field up to destroy). A plugin built for any
// 1.x has at least these; a later minor may append fields, which a plugin for an older minor
// lacks and the host then reads as absent (zero).
inline constexpr std::size_t kDescriptorSize_1_0 =
    offsetof(brobyg_plugin_descriptor, destroy) + sizeof(brobyg_plugin_descriptor::destroy);

// The host's copy of a plugin's descriptor, reading no byte past its struct_size: fields of
// a newer layout than the plugin's stay zero, fields the host does not know are left unread.
// A descriptor of another major, a newer minor or shorter than ABI 1.0 is copied only as far
// as abi_major, abi_minor and struct_size, which descriptorProblems() then refuses.
brobyg_plugin_descriptor readDescriptor(const brobyg_plugin_descriptor* raw);

// Checks a descriptor without calling any of its functions but the entry point.
// Returns the problems found (empty when valid). Exposed for the conformance suite.
Problems descriptorProblems(const brobyg_plugin_descriptor& descriptor);

const char* settingTypeName(uint32_t type);
const char* kindName(uint32_t kind);
const char* threadSafetyName(uint32_t safety);

}  // namespace brobyg::plugin
