#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <sstream>

#include "util/Error.h"
#include "util/FileSecurity.h"

namespace brobyg {
namespace fs = std::filesystem;

namespace {

// Why the file described by `st` is not private, or "".
std::string statProblem(const struct stat& st, const std::string& path) {
  if (!S_ISREG(st.st_mode)) return "not a regular file";
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
  return {};
}

}  // namespace

std::string privateFileProblem(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    return errno == ENOENT ? "file does not exist"
                           : std::string("cannot stat: ") + std::strerror(errno);
  return statProblem(st, path);
}

std::string privateFolderProblem(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::string("cannot stat: ") + std::strerror(errno);
  if (!S_ISDIR(st.st_mode)) return "not a folder";
  if ((st.st_mode & 077) == 0) return {};
  std::ostringstream msg;
  msg << "open to others (mode " << std::oct << (st.st_mode & 0777) << "); run: chmod 700 " << path;
  return msg.str();
}

int openPrivateFile(const std::string& path, const std::string& what) {
  int fd =
      ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);  // a FIFO must not block
  if (fd < 0) {
    int error = errno;
    refusePrivateFile(path, what, error == ENOENT ? "file does not exist" : std::strerror(error));
  }
  struct stat st {};
  std::string problem = ::fstat(fd, &st) != 0 ? std::string("cannot stat: ") + std::strerror(errno)
                                              : statProblem(st, path);
  if (!problem.empty()) {
    ::close(fd);
    refusePrivateFile(path, what, problem);
  }
  return fd;
}

void makePrivate(const std::string& path) {
  std::error_code ec;
  const bool folder = fs::is_directory(path, ec);
  fs::permissions(path,
                  folder ? fs::perms::owner_all : fs::perms::owner_read | fs::perms::owner_write,
                  fs::perm_options::replace, ec);
  if (ec) throw Error(path + ": cannot restrict permissions: " + ec.message());
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
