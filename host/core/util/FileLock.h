#pragma once

#include <cstdint>
#include <string>

namespace brobyg {

// An exclusive lock on a file (POSIX flock, Windows LockFileEx), held while the object lives. The
// kernel drops it when the process dies, so a crash never leaves a stale lock behind.
class FileLock {
 public:
  // Throws brobyg::Error when another process holds the lock (`what` says on what).
  FileLock(const std::string& path, const std::string& what);
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  // A file descriptor (FileLockPosix.cpp) or a HANDLE (FileLockWindows.cpp); -1 for none.
  std::intptr_t handle_ = -1;
};

}  // namespace brobyg
