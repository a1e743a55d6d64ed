// Paths as UTF-8 text, for the host and for plugins (standard library only).
//
// brobyg passes every path as UTF-8: in settings, across the plugin ABI, in messages. Where such
// a path meets std::filesystem or the C library, these helpers convert it. On Windows, mingw's
// std::filesystem::path(std::string) and fopen read a narrow string in the C library's code page,
// not as UTF-8: "Køge" became "KÃ¸ge" and its files were not found. On POSIX they cost a copy.
#pragma once

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#ifdef _WIN32
#include <cwchar>
#endif

namespace brobyg::sdk {

// The path named by the UTF-8 text `utf8`.
inline std::filesystem::path pathFromUtf8(std::string_view utf8) {
  return std::filesystem::path(
      std::u8string_view(reinterpret_cast<const char8_t*>(utf8.data()), utf8.size()));
}

// A path as UTF-8 text, for messages, settings and the plugin ABI.
inline std::string utf8FromPath(const std::filesystem::path& path) {
  std::u8string text = path.u8string();
  return std::string(reinterpret_cast<const char*>(text.data()), text.size());
}

// `name` inside the folder `dir`, both UTF-8, as UTF-8 text in the platform's spelling.
inline std::string joinUtf8(std::string_view dir, std::string_view name) {
  return utf8FromPath(pathFromUtf8(dir) / pathFromUtf8(name));
}

// fopen of the UTF-8 path `utf8`, the stream not inherited by child processes (glibc "e",
// the Windows C library "N"). `mode` is one of fopen's ("rb", "wb", "ab", ...). Returns
// nullptr with errno set when it cannot open, as fopen does.
inline std::FILE* openFileUtf8(std::string_view utf8, std::string_view mode) {
#ifdef _WIN32
  std::wstring wideMode(mode.begin(), mode.end());
  wideMode += L'N';
  return ::_wfopen(pathFromUtf8(utf8).c_str(), wideMode.c_str());
#else
  std::string posixMode(mode);
  posixMode += 'e';
  return std::fopen(pathFromUtf8(utf8).c_str(), posixMode.c_str());
#endif
}

}  // namespace brobyg::sdk
