#include "OpenBelow.h"

#include <system_error>

// openBelow is in OpenBelowPosix.cpp (openat, O_NOFOLLOW) and OpenBelowWindows.cpp.
namespace brobyg::files {
namespace fs = std::filesystem;

std::string linkTargetInside(const fs::path& directory, const fs::path& link) {
  std::error_code ec;
  const fs::path root = fs::canonical(directory, ec);
  if (ec) return "";
  const fs::path target = fs::canonical(link, ec);
  if (ec) return "";
  const fs::path inside = target.lexically_relative(root);
  if (inside.empty() || inside.is_absolute() || *inside.begin() == "..") return "";
  return inside.generic_string();
}

}  // namespace brobyg::files
