#pragma once

#include <string>

namespace brobyg {

// A file is private when it is a regular file, owned by the user running brobyg (the
// effective uid) and neither readable nor writable by group or others (POSIX mode bits 077).
// Key files must be private: a key another user owns can be replaced by that user.

// Throws brobyg::Error naming `path` and `what` when the file is missing or not private.
// Checks by name; a caller that goes on to read the file uses openPrivateFile instead, which
// checks the file it actually opened.
void requirePrivateFile(const std::string& path, const std::string& what);

// Returns an empty string when the file is private, else why not (for brobyg check).
std::string privateFileProblem(const std::string& path);

// Opens `path` read-only (close-on-exec) and checks the opened file with fstat, so that a
// file swapped in after a check by name is not read. Returns the descriptor, which the caller
// closes. Throws brobyg::Error naming `path` and `what`, never the content.
int openPrivateFile(const std::string& path, const std::string& what);

// Creates a folder (and parents) with mode 0700 where it does not exist yet.
void createPrivateDirectory(const std::string& path);

}  // namespace brobyg
