#include "util/FileLock.h"

#include <cerrno>
#include <cstring>

#include "util/Error.h"

#ifndef _WIN32
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#endif

namespace brobyg {

FileLock::FileLock(const std::string& path, const std::string& what) {
#ifndef _WIN32
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) throw Error(path + ": cannot open lock file: " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    ::close(fd_);
    fd_ = -1;
    if (err == EWOULDBLOCK) throw Error(what + " is already running in another process");
    throw Error(path + ": cannot lock: " + std::strerror(err));
  }
#else
  (void)path;
  (void)what;
#endif
}

FileLock::~FileLock() {
#ifndef _WIN32
  if (fd_ >= 0) ::close(fd_);
#endif
}

}  // namespace brobyg
