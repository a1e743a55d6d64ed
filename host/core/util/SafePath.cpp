#include "util/SafePath.h"

#include <algorithm>

#include "util/Error.h"
#include "util/Utf8Path.h"

namespace brobyg {
namespace fs = std::filesystem;

namespace {
bool isAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
}  // namespace

bool isSafeId(std::string_view id) {
  if (id.empty() || id.size() > 64 || !isAlnum(id[0])) return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return isAlnum(c) || c == '-' || c == '_' || c == '.'; });
}

bool insideParent(const fs::path& parent, const fs::path& child) {
  const fs::path base = fs::absolute(parent).lexically_normal();
  const fs::path full = fs::absolute(child).lexically_normal();
  const fs::path relative = full.lexically_relative(base);
  if (relative.empty() || relative == ".") return false;
  const fs::path first = *relative.begin();
  return first != ".." && first != ".";
}

fs::path childPath(const fs::path& parent, const std::string& name, const std::string& what) {
  fs::path child = parent / pathFromUtf8(name);
  if (name.empty() || pathFromUtf8(name).is_absolute() || pathFromUtf8(name).has_parent_path() ||
      !insideParent(parent, child))
    throw Error(what + ": the name would leave " + parent.string());
  return child;
}

}  // namespace brobyg
