#include "Target.h"

#include <algorithm>
#include <cstdlib>

#include "E2eSupport.h"

namespace fs = std::filesystem;

namespace brobyg::e2e {

namespace {
// A build's layout, the same for the Linux and the mingw build: bin/, lib/brobyg/plugins/,
// tests/plugins/.
Target inBuild(const fs::path& build, bool windows) {
  Target t;
  t.windows = windows;
  t.build = build;
  t.bin = (build / "bin").string();
  t.pluginDir = build / "lib/brobyg/plugins";
  t.testPluginDir = build / "tests/plugins";
  if (windows) {
    const char* wine = std::getenv("BROBYG_WINE");
    t.launcher = std::string(wine != nullptr && *wine != '\0' ? wine : "wine64") + " ";
  }
  return t;
}
}  // namespace

fs::path Target::inTargetBuild(const fs::path& linuxBuildFile) const {
  return build / linuxBuildFile.lexically_relative(BROBYG_BINARY_DIR);
}

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

std::string Target::withLinuxLineEnds(std::string text) const {
  if (!windows) return text;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i)
    if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) out.push_back(text[i]);
  return out;
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
    return build != nullptr && *build != '\0' ? inBuild(build, true)
                                              : inBuild(BROBYG_BINARY_DIR, false);
  }();
  return chosen;
}

}  // namespace brobyg::e2e
