#include "util/FileSecurity.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <sstream>

#include "util/Error.h"

#ifdef _WIN32
#include <io.h>
#else
#include <unistd.h>
#endif

namespace brobyg {
namespace fs = std::filesystem;

namespace {

// Why the file described by `st` is not private, or "".
std::string statProblem(const struct stat& st, const std::string& path) {
  if (!S_ISREG(st.st_mode)) return "not a regular file";
#ifndef _WIN32
  if (st.st_uid != ::geteuid()) {
    std::ostringstream msg;
    msg << "owned by uid " << st.st_uid << ", not by the user running brobyg (uid " << ::geteuid()
        << "); run as that user, or: chown $(id -un) " << path;
    return msg.str();
  }
  if ((st.st_mode & 077) != 0) {
    std::ostringstream msg;
    msg << "readable or writable by others (mode " << std::oct << (st.st_mode & 0777)
        << "); run: chmod 600 " << path;
    return msg.str();
  }
#else
  (void)path;
#endif
  return {};
}

[[noreturn]] void refuse(const std::string& path, const std::string& what,
                         const std::string& problem) {
  throw Error(path + ": " + what + " refused: " + problem);
}

}  // namespace

std::string privateFileProblem(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    return errno == ENOENT ? "file does not exist"
                           : std::string("cannot stat: ") + std::strerror(errno);
  return statProblem(st, path);
}

void requirePrivateFile(const std::string& path, const std::string& what) {
  std::string problem = privateFileProblem(path);
  if (!problem.empty()) refuse(path, what, problem);
}

int openPrivateFile(const std::string& path, const std::string& what) {
#ifdef _WIN32
  int fd = ::_open(path.c_str(), _O_RDONLY | _O_BINARY);
#else
  int fd =
      ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);  // a FIFO must not block
#endif
  if (fd < 0) {
    int error = errno;
    refuse(path, what, error == ENOENT ? "file does not exist" : std::strerror(error));
  }
  struct stat st {};
  std::string problem = ::fstat(fd, &st) != 0 ? std::string("cannot stat: ") + std::strerror(errno)
                                              : statProblem(st, path);
  if (!problem.empty()) {
#ifdef _WIN32
    ::_close(fd);
#else
    ::close(fd);
#endif
    refuse(path, what, problem);
  }
  return fd;
}

void createPrivateDirectory(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return;
  fs::create_directories(path, ec);
  if (ec) throw Error(path + ": cannot create folder: " + ec.message());
  fs::permissions(path, fs::perms::owner_all, fs::perm_options::replace, ec);
  if (ec) throw Error(path + ": cannot restrict folder permissions: " + ec.message());
}

}  // namespace brobyg
