#pragma once

// The platform part of writing files durably (AtomicFile, and what renames folders into place):
// DurableFilePosix.cpp (open with a mode, fsync, rename, fsync of the folder) and
// DurableFileWindows.cpp (wide paths, FlushFileBuffers, MoveFileExW with WRITE_THROUGH).

#include <cstdio>
#include <string>

namespace brobyg {

// Creates or truncates `path` for writing, not inherited by child processes. `privateMode`:
// mode 0600 (Windows: makePrivate's access list), else 0644 (Windows: inherited from the
// folder). Throws brobyg::Error naming the path.
std::FILE* createOutputFile(const std::string& path, bool privateMode);
// Flushes what the system holds of `file` to the disk (fsync, FlushFileBuffers).
void syncFile(std::FILE* file, const std::string& path);
// Renames `from` to `to`, replacing a file `to` atomically; not made durable.
void replaceFile(const std::string& from, const std::string& to);
// fsync of a folder, so that a rename or a new entry in it survives power loss (Windows: nothing
// to do; NTFS journals its metadata and durableRename writes through).
void syncDirectory(const std::string& dir);
// Atomic and durable rename (replacing a file `to`), fsyncing both folders when they differ.
void durableRename(const std::string& from, const std::string& to);
// Moves the finished file `from` to `to` durably, only if `to` does not exist yet (POSIX: link
// and unlink; Windows: MoveFileExW without REPLACE_EXISTING). Returns false, leaving `from` in
// place, when `to` exists; throws brobyg::Error on any other failure.
bool publishNoReplace(const std::string& from, const std::string& to);

}  // namespace brobyg
