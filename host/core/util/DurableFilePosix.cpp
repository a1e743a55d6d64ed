#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include "util/DurableFile.h"
#include "util/Error.h"

namespace brobyg {
namespace fs = std::filesystem;

std::FILE* createOutputFile(const std::string& path, bool privateMode) {
  std::FILE* file = nullptr;
  int fd =
      ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, privateMode ? 0600 : 0644);
  if (fd >= 0) {
    file = ::fdopen(fd, "wb");
    if (file == nullptr) ::close(fd);
  }
  if (file == nullptr) throw Error(systemError(path, "cannot create file"));
  return file;
}

void syncFile(std::FILE* file, const std::string& path) {
  if (::fsync(fileno(file)) != 0) throw Error(systemError(path, "cannot sync to disk"));
}

void replaceFile(const std::string& from, const std::string& to) {
  std::error_code ec;
  fs::rename(from, to, ec);
  if (ec) throw Error(to + ": cannot rename " + from + " into place: " + ec.message());
}

void syncDirectory(const std::string& dir) {
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw Error(systemError(dir, "cannot open folder to sync it"));
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw Error(systemError(dir, "cannot sync folder"));
}

void durableRename(const std::string& from, const std::string& to) {
  replaceFile(from, to);
  std::string toDir = fs::path(to).parent_path().string();
  std::string fromDir = fs::path(from).parent_path().string();
  syncDirectory(toDir);
  if (fs::path(fromDir) != fs::path(toDir)) syncDirectory(fromDir);
}

// link() refuses to replace an existing file, unlike rename(): two writers racing for one name
// cannot overwrite each other.
bool publishNoReplace(const std::string& from, const std::string& to) {
  if (::link(from.c_str(), to.c_str()) != 0) {
    if (errno == EEXIST) return false;
    throw Error(systemError(to, "cannot put file in place"));
  }
  std::error_code ignored;
  fs::remove(from, ignored);
  syncDirectory(fs::path(to).parent_path().string());
  return true;
}

}  // namespace brobyg
