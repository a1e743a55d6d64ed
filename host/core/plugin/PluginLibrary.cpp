#include "plugin/PluginLibrary.h"

#include <Poco/SharedLibrary.h>

#include <algorithm>
#include <cstring>
#include <set>
#include <sstream>

#include "plugin/SettingsValidator.h"
#include "util/Error.h"

namespace brobyg::plugin {

const char* settingTypeName(uint32_t type) {
  switch (type) {
    case BROBYG_SETTING_STRING:
      return "string";
    case BROBYG_SETTING_INT:
      return "int";
    case BROBYG_SETTING_BOOL:
      return "bool";
    case BROBYG_SETTING_PATH:
      return "path";
    case BROBYG_SETTING_CHAR:
      return "char";
    case BROBYG_SETTING_CHOICE:
      return "choice";
    case BROBYG_SETTING_MAP:
      return "map";
    case BROBYG_SETTING_DURATION:
      return "duration";
    default:
      return nullptr;
  }
}

const char* kindName(uint32_t kind) {
  switch (kind) {
    case BROBYG_KIND_SOURCE:
      return "source";
    case BROBYG_KIND_DESTINATION:
      return "destination";
    default:
      return "unknown";
  }
}

const char* threadSafetyName(uint32_t safety) {
  switch (safety) {
    case BROBYG_NOT_THREAD_SAFE:
      return "not thread-safe";
    case BROBYG_INSTANCE_SAFE:
      return "instances thread-safe";
    case BROBYG_FULLY_SAFE:
      return "fully thread-safe";
    default:
      return "unknown";
  }
}

Problems descriptorProblems(const brobyg_plugin_descriptor& d) {
  Problems problems;
  auto problem = [&](const std::string& text) { problems.push_back(Problem::error(0, text)); };
  if (d.abi_major != BROBYG_ABI_MAJOR) {
    std::ostringstream msg;
    msg << "built for plugin ABI " << d.abi_major << "." << d.abi_minor << ", but this brobyg "
        << "speaks ABI " << BROBYG_ABI_MAJOR << "." << BROBYG_ABI_MINOR
        << "; rebuild the plugin against this brobyg's SDK";
    problem(msg.str());
    return problems;  // nothing else in the descriptor can be trusted
  }
  if (d.abi_minor > BROBYG_ABI_MINOR) {
    std::ostringstream msg;
    msg << "needs plugin ABI 1." << d.abi_minor << ", newer than this brobyg's 1."
        << BROBYG_ABI_MINOR << "; upgrade brobyg";
    problem(msg.str());
    return problems;
  }
  if (d.struct_size < kDescriptorSize_1_0) {
    problem("descriptor is truncated (struct_size " + std::to_string(d.struct_size) +
            " is less than the " + std::to_string(kDescriptorSize_1_0) + " bytes of ABI 1.0)");
    return problems;  // its fields were not read
  }
  if (d.name == nullptr || *d.name == '\0') problem("has no name");
  if (d.version == nullptr) problem("has no version");
  if (d.kind != BROBYG_KIND_SOURCE && d.kind != BROBYG_KIND_DESTINATION)
    problem("declares an unknown kind");
  if (d.thread_safety > BROBYG_FULLY_SAFE) problem("declares an unknown thread-safety level");
  if (d.create == nullptr || d.destroy == nullptr || d.check == nullptr)
    problem("lacks create, check or destroy");
  if (d.kind == BROBYG_KIND_SOURCE && d.pull == nullptr) problem("is a source without pull");
  if (d.kind == BROBYG_KIND_DESTINATION && d.deliver == nullptr)
    problem("is a destination without deliver");
  if (d.setting_count > 0 && d.settings == nullptr) problem("has a settings count but no table");

  std::set<std::string> keys;
  for (size_t i = 0; d.settings != nullptr && i < d.setting_count; ++i) {
    const brobyg_setting_def& s = d.settings[i];
    std::string where = "setting #" + std::to_string(i + 1);
    if (s.key == nullptr || *s.key == '\0') {
      problem(where + " has no key");
      continue;
    }
    where = "setting '" + std::string(s.key) + "'";
    if (!keys.insert(s.key).second) problem(where + " appears twice");
    if (settingTypeName(s.type) == nullptr) problem(where + " has an unknown type");
    if (s.description == nullptr || *s.description == '\0') problem(where + " has no description");
    if (s.type == BROBYG_SETTING_CHOICE && (s.choices == nullptr || *s.choices == '\0'))
      problem(where + " is a choice without choices");
    if ((s.flags & ~(BROBYG_SETTING_REQUIRED | BROBYG_SETTING_SECRET)) != 0)
      problem(where + " has unknown flags");
    if ((s.flags & BROBYG_SETTING_REQUIRED) && s.default_value != nullptr)
      problem(where + " is required and has a default");
    if (s.default_value != nullptr && settingTypeName(s.type) != nullptr &&
        s.type != BROBYG_SETTING_MAP) {
      std::string why = valueProblem(s, s.default_value);
      if (!why.empty()) problem(where + " has an invalid default: " + why);
    }
  }
  return problems;
}

brobyg_plugin_descriptor readDescriptor(const brobyg_plugin_descriptor* raw) {
  // abi_major, abi_minor and struct_size lead every version of the descriptor.
  brobyg_plugin_descriptor copy{};
  std::memcpy(&copy, raw, offsetof(brobyg_plugin_descriptor, name));
  if (copy.abi_major != BROBYG_ABI_MAJOR || copy.abi_minor > BROBYG_ABI_MINOR ||
      copy.struct_size < kDescriptorSize_1_0)
    return copy;  // refused on these alone: nothing else is read
  std::memcpy(&copy, raw, std::min(copy.struct_size, sizeof copy));
  return copy;
}

PluginLibrary::PluginLibrary(std::string path, Poco::SharedLibrary* library,
                             const brobyg_plugin_descriptor& descriptor)
    : path_(std::move(path)), library_(library), descriptor_(descriptor) {}

std::shared_ptr<PluginLibrary> PluginLibrary::load(const std::string& path) {
  auto library = std::make_unique<Poco::SharedLibrary>();
  try {
    library->load(path);
  } catch (const Poco::Exception& e) {
    throw Error(path + ": cannot load plugin: " + e.displayText());
  }
  if (!library->hasSymbol(BROBYG_PLUGIN_ENTRY_SYMBOL))
    throw Error(path + ": not a brobyg plugin (no " BROBYG_PLUGIN_ENTRY_SYMBOL " symbol)");
  auto entry =
      reinterpret_cast<brobyg_plugin_entry_fn>(library->getSymbol(BROBYG_PLUGIN_ENTRY_SYMBOL));
  const brobyg_plugin_descriptor* raw = entry();
  if (raw == nullptr) throw Error(path + ": plugin entry returned no descriptor");
  const brobyg_plugin_descriptor descriptor = readDescriptor(raw);
  auto problems = descriptorProblems(descriptor);
  if (!problems.empty()) {
    std::string name =
        descriptor.name != nullptr ? std::string(" '") + descriptor.name + "'" : std::string();
    throw Error(path + ": plugin" + name + " refused: " + problems.front().message);
  }
  return std::shared_ptr<PluginLibrary>(new PluginLibrary(path, library.release(), descriptor));
}

std::vector<brobyg_setting_def> PluginLibrary::settings() const {
  return {descriptor_.settings, descriptor_.settings + descriptor_.setting_count};
}

const brobyg_setting_def* PluginLibrary::findSetting(const std::string& key) const {
  for (size_t i = 0; i < descriptor_.setting_count; ++i)
    if (key == descriptor_.settings[i].key) return &descriptor_.settings[i];
  return nullptr;
}

}  // namespace brobyg::plugin
