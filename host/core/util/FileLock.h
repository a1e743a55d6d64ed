#pragma once

#include <string>

namespace brobyg {

// An exclusive advisory lock on a file (flock), held while the object lives. The kernel drops
// it when the process dies, so a crash never leaves a stale lock behind.
class FileLock {
 public:
  // Throws brobyg::Error when another process holds the lock (`what` says on what).
  FileLock(const std::string& path, const std::string& what);
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace brobyg
