#pragma once

#include <string>

namespace brobyg {

// A file is private when it is a regular file, owned by the user running brobyg and neither
// readable nor writable by anyone else. POSIX (FileSecurityPosix.cpp): owned by the effective
// uid, no mode bit in 077. Windows (FileSecurityWindows.cpp): owned by that user, SYSTEM or
// Administrators, and an access list that lets no one else read, write, delete or re-permission
// it (Everyone, Users, another account: refused). Key files must be private: a key another user
// owns can be replaced by that user.

// Throws brobyg::Error naming `path` and `what` when the file is missing or not private.
// Checks by name; a caller that goes on to read the file uses openPrivateFile instead, which
// checks the file it actually opened.
void requirePrivateFile(const std::string& path, const std::string& what);

// Returns an empty string when the file is private, else why not (for brobyg check).
std::string privateFileProblem(const std::string& path);

// Returns an empty string when the existing folder `path` is the running user's alone, else
// why not, with the command that repairs it. POSIX: no mode bit in 077. Windows: the access
// list rules of privateFileProblem. A folder that holds CPR numbers (state, inbox) must be.
std::string privateFolderProblem(const std::string& path);

// Opens `path` read-only (close-on-exec) and checks the opened file (fstat; Windows: its handle),
// so that a file swapped in after a check by name is not read. Returns the descriptor, which the
// caller closes. Throws brobyg::Error naming `path` and `what`, never the content.
int openPrivateFile(const std::string& path, const std::string& what);

// Creates a folder (and parents) with mode 0700 (Windows: the private access list) where it does
// not exist yet.
void createPrivateDirectory(const std::string& path);

// Makes an existing file (0600) or folder (0700) private. Windows: a protected access list,
// inherited by what a folder will hold, granting only the owner, SYSTEM and Administrators.
void makePrivate(const std::string& path);

// Throws brobyg::Error "<path>: <what> refused: <problem>".
[[noreturn]] void refusePrivateFile(const std::string& path, const std::string& what,
                                    const std::string& problem);

}  // namespace brobyg
