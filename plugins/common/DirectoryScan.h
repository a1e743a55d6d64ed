// Lists the export files to read: name matches a glob, optionally in subfolders, name order.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace brobyg::files {

// Glob on a file name: * any run, ? one byte; ASCII letters match case-insensitively because
// Windows exports arrive as FRAVAER.CSV as often as fravaer.csv.
bool globMatch(std::string_view pattern, std::string_view name);

struct FoundFile {
  std::string relative;  // '/'-separated path below the directory: the cursor key and origin
  std::filesystem::path path;
  bool symlink = false;  // a symbolic link (to anything): the reader decides what to do
};

// Regular files and symbolic links below `directory` whose name matches `pattern`, sorted by
// relative path. Links to folders are not entered.
// Throws sdk::Error when the directory cannot be listed.
std::vector<FoundFile> scanDirectory(const std::filesystem::path& directory,
                                     const std::string& pattern, bool recursive);

}  // namespace brobyg::files
