// Opens an export file below the configured directory without following a symbolic link on
// the way, so that a link or a swapped folder cannot make the service read a file elsewhere
// (issue 10, finding 10). The file is opened once; everything after reads that descriptor.
#pragma once

#include <filesystem>
#include <string>

namespace brobyg::files {

struct Opened {
  int fd = -1;          // owned by the caller; -1 when refused
  std::string refusal;  // why not, for a warning (names no path)
};

// Opens `relative` ('/'-separated, no "..") below `directory`: every folder on the way and
// the file itself are opened with O_NOFOLLOW relative to the one before (openat), and the
// result must be a regular file. `directory` itself may be a link: the admin chose it.
// Throws sdk::Error when the directory cannot be opened or the file cannot be read for
// another reason (permissions, I/O).
Opened openBelow(const std::filesystem::path& directory, const std::string& relative);

// The target of the symbolic link `link` (below `directory`) as a path relative to
// `directory`, or "" when it leads outside it, nowhere, or through a loop.
std::string linkTargetInside(const std::filesystem::path& directory,
                             const std::filesystem::path& link);

}  // namespace brobyg::files
