#include <fcntl.h>
#include <unistd.h>

#include <brobyg_plugin.hpp>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "DropFile.h"

namespace brobyg::folder {
using sdk::Error;

namespace {
std::string errnoText() {
  return std::strerror(errno);
}
}  // namespace

PartFile::PartFile(const std::string& path) : path_(path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) throw Error(path + ": cannot create: " + errnoText());
  handle_ = fd;
}

void PartFile::close() {
  if (handle_ >= 0) ::close(static_cast<int>(handle_));
  handle_ = -1;
}

PartFile::~PartFile() {
  close();
}

void PartFile::write(const char* data, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    ssize_t w = ::write(static_cast<int>(handle_), data + done, size - done);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) throw Error(path_ + ": write failed: " + errnoText());
    done += static_cast<std::size_t>(w);
  }
}

void PartFile::sync() {
  if (::fsync(static_cast<int>(handle_)) != 0)
    throw Error(path_ + ": cannot sync to disk: " + errnoText());
}

// link() refuses to replace an existing file, unlike rename(): two deliveries racing for one
// name cannot overwrite each other.
bool publishNoReplace(const std::string& from, const std::string& to) {
  if (::link(from.c_str(), to.c_str()) != 0) {
    if (errno == EEXIST) return false;
    throw Error(to + ": cannot put package in place: " + errnoText());
  }
  ::unlink(from.c_str());
  return true;
}

void syncFolder(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  bool ok = fd >= 0 && ::fsync(fd) == 0;
  std::string why = ok ? "" : errnoText();
  if (fd >= 0) ::close(fd);
  if (!ok) throw Error(dir + ": cannot sync folder: " + why);
}

std::string folderNotWritable(const std::string& dir) {
  return ::access(dir.c_str(), W_OK | X_OK) == 0 ? "" : errnoText();
}

}  // namespace brobyg::folder
