#include "Target.h"

#include <algorithm>
#include <cstdlib>

#include "E2eSupport.h"

namespace fs = std::filesystem;

namespace brobyg::e2e {

namespace {
Target linuxTarget() {
  Target t;
  t.bin = BROBYG_BIN_DIR;
  t.pluginDir = fs::path(t.bin) / "../lib/brobyg/plugins";
  t.testPluginDir = BROBYG_TEST_PLUGIN_DIR;
  return t;
}

// The mingw build's layout is the Linux build's (bin/, lib/brobyg/plugins/, tests/plugins/).
Target windowsTarget(const fs::path& build) {
  Target t;
  t.windows = true;
  const char* wine = std::getenv("BROBYG_WINE");
  t.launcher = std::string(wine != nullptr && *wine != '\0' ? wine : "wine64") + " ";
  t.bin = (build / "bin").string();
  t.pluginDir = build / "lib/brobyg/plugins";
  t.testPluginDir = build / "tests/plugins";
  return t;
}
}  // namespace

std::string Target::program(const std::string& name) const {
  return launcher + quote(fs::path(bin) / (windows ? name + ".exe" : name));
}

fs::path Target::pluginFile(const fs::path& dir, const std::string& name) const {
  return dir / ("brobyg_" + name + (windows ? ".dll" : ".so"));
}

std::string Target::absolutePath(const fs::path& path) const {
  const std::string text = fs::absolute(path).string();
  return windows ? "Z:" + text : text;
}

std::string Target::shownPath(const fs::path& path) const {
  if (!windows) return path.string();
  std::string text = "Z:" + path.string();
  std::replace(text.begin(), text.end(), '/', '\\');
  return text;
}

fs::perms Target::notPrivate() const {
  return windows ? fs::perms::others_all : fs::perms::group_all | fs::perms::others_all;
}

std::string Target::daemonOption(const std::string& name, const std::string& value) const {
  return (windows ? "/" : "--") + name + "=" + value;
}

const Target& target() {
  static const Target chosen = [] {
    const char* build = std::getenv("BROBYG_E2E_WINDOWS_BUILD");
    return build != nullptr && *build != '\0' ? windowsTarget(build) : linuxTarget();
  }();
  return chosen;
}

}  // namespace brobyg::e2e
