#pragma once

#include <string>

namespace brobyg {

// Throws brobyg::Error naming `path` and `what` when the file is missing or can be read
// by anyone but its owner (POSIX mode bits 077). Key files must be private.
void requirePrivateFile(const std::string& path, const std::string& what);

// Returns an empty string when the file is private, else why not (for brobyg check).
std::string privateFileProblem(const std::string& path);

// Creates a folder (and parents) with mode 0700 where it does not exist yet.
void createPrivateDirectory(const std::string& path);

}  // namespace brobyg
