#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "OpenBelow.h"

#include <brobyg_plugin.hpp>

#include <cerrno>
#include <system_error>
#include <utility>

namespace brobyg::files {
namespace {

namespace fs = std::filesystem;

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  Fd& operator=(Fd&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

// Errors that mean "a link, or something that changed since the listing": the file is
// skipped with a warning. Anything else is a real failure to read.
bool isRefusal(int error) {
  return error == ELOOP || error == ENOTDIR || error == ENOENT || error == EMLINK || error == ENXIO;
}

}  // namespace

Opened openBelow(const fs::path& directory, const std::string& relative) {
  Fd dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0) throw sdk::Error("cannot open directory '" + directory.string() + "'");
  size_t from = 0;
  for (size_t slash = relative.find('/'); slash != std::string::npos;
       from = slash + 1, slash = relative.find('/', from)) {
    const std::string part = relative.substr(from, slash - from);
    Fd next(::openat(dir.get(), part.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (next.get() < 0) {
      if (isRefusal(errno)) return {-1, "a folder on its path is a link or was replaced"};
      throw sdk::Error("cannot open file '" + relative + "'");
    }
    dir = std::move(next);
  }
  // O_NONBLOCK: a FIFO put in place of the file must not block the open; regular files
  // ignore it.
  Fd file(::openat(dir.get(), relative.c_str() + from,
                   O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
  if (file.get() < 0) {
    if (isRefusal(errno)) return {-1, "it is a symbolic link or was replaced"};
    throw sdk::Error("cannot open file '" + relative + "'");
  }
  struct stat status {};
  if (::fstat(file.get(), &status) != 0) throw sdk::Error("cannot read file '" + relative + "'");
  if (!S_ISREG(status.st_mode)) return {-1, "it is not a regular file"};
  return {file.release(), ""};
}

}  // namespace brobyg::files
