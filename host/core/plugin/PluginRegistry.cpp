#include "plugin/PluginRegistry.h"

#include <Poco/Path.h>
#include <Poco/SharedLibrary.h>

#include <algorithm>
#include <filesystem>

#include "util/Error.h"
#include "util/ExecutablePath.h"
#include "util/Utf8Path.h"

namespace brobyg::plugin {
namespace fs = std::filesystem;

std::string PluginRegistry::fileNameFor(const std::string& pluginName) {
  return "brobyg_" + pluginName + Poco::SharedLibrary::suffix();
}

std::string PluginRegistry::defaultDirectory() {
  return installedPath((fs::path("lib") / "brobyg" / "plugins").string());
}

PluginRegistry::PluginRegistry(std::string directory) : directory_(std::move(directory)) {
  load(nullptr);
}

PluginRegistry::PluginRegistry(std::string directory, const std::set<std::string>& wanted)
    : directory_(std::move(directory)) {
  load(&wanted);
}

void PluginRegistry::load(const std::set<std::string>* wanted) {
  std::error_code ec;
  if (!fs::is_directory(pathFromUtf8(directory_), ec))
    throw Error(directory_ + ": plugin folder does not exist");
  const std::string prefix = "brobyg_";
  const std::string suffix = Poco::SharedLibrary::suffix();
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(pathFromUtf8(directory_), ec)) {
    std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || name.rfind(prefix, 0) != 0 ||
        name.size() <= prefix.size() + suffix.size() ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    std::string pluginName =
        name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
    installed_.insert(pluginName);
    if (!wanted || wanted->count(pluginName)) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    try {
      auto library = PluginLibrary::load(file.string());
      std::string expected = fileNameFor(library->name());
      if (file.filename() != pathFromUtf8(expected)) {
        failures_[file.string()] =
            "plugin calls itself '" + library->name() + "', so its file must be named " + expected;
        continue;
      }
      plugins_[library->name()] = library;
    } catch (const Error& e) {
      failures_[file.string()] = e.what();
    }
  }
}

std::shared_ptr<PluginLibrary> PluginRegistry::find(const std::string& name) const {
  auto it = plugins_.find(name);
  return it == plugins_.end() ? nullptr : it->second;
}

std::string PluginRegistry::missingMessage(const std::string& name) const {
  std::string file = joinUtf8(directory_, fileNameFor(name));
  auto failure = failures_.find(file);
  if (failure != failures_.end()) return failure->second;
  std::string known;
  for (const std::string& pluginName : installed_) {
    if (failures_.count(joinUtf8(directory_, fileNameFor(pluginName)))) continue;
    known += (known.empty() ? "" : ", ") + pluginName;  // loaded, or not asked for
  }
  return "no plugin named '" + name + "' in " + directory_ +
         (known.empty() ? "" : " (installed: " + known + ")");
}

}  // namespace brobyg::plugin
