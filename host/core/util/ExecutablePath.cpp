#include "util/ExecutablePath.h"
#include "util/Utf8Path.h"

#include <filesystem>

#ifdef _WIN32
#include <windows.h>
#endif

namespace brobyg {
namespace fs = std::filesystem;

std::string executableDirectory() {
  fs::path exe;
#ifdef _WIN32
  wchar_t buffer[32768];
  DWORD size = GetModuleFileNameW(nullptr, buffer, static_cast<DWORD>(std::size(buffer)));
  if (size > 0 && size < std::size(buffer)) exe = fs::path(std::wstring(buffer, size));
#else
  std::error_code ec;
  exe = fs::read_symlink("/proc/self/exe", ec);
#endif
  if (exe.empty()) return fs::current_path().string();
  return exe.parent_path().string();
}

std::string installedPath(const std::string& relative) {
  return utf8FromPath((pathFromUtf8(executableDirectory()).parent_path() / pathFromUtf8(relative))
                          .lexically_normal());
}

}  // namespace brobyg
