#include <fcntl.h>
#include <io.h>
#include <windows.h>

#include <brobyg_path.hpp>
#include <brobyg_plugin.hpp>

#include <utility>
#include <vector>

#include "OpenBelow.h"

// Windows has no openat: every folder on the way is opened in turn, without following a
// reparse point (symbolic link, junction), and kept open without FILE_SHARE_DELETE, so that it
// cannot be renamed or replaced until the file itself is open.
namespace brobyg::files {
namespace {

namespace fs = std::filesystem;

class Handle {
 public:
  explicit Handle(HANDLE h) : h_(h) {}
  ~Handle() {
    if (h_ != INVALID_HANDLE_VALUE) CloseHandle(h_);
  }
  Handle(Handle&& other) noexcept : h_(other.h_) { other.h_ = INVALID_HANDLE_VALUE; }
  Handle& operator=(Handle&& other) noexcept {
    std::swap(h_, other.h_);
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  HANDLE get() const { return h_; }
  HANDLE release() {
    HANDLE h = h_;
    h_ = INVALID_HANDLE_VALUE;
    return h;
  }

 private:
  HANDLE h_;
};

Handle openNoFollow(const fs::path& path, DWORD access, bool folder) {
  DWORD flags = FILE_FLAG_OPEN_REPARSE_POINT | (folder ? FILE_FLAG_BACKUP_SEMANTICS : 0);
  return Handle(CreateFileW(path.wstring().c_str(), access, FILE_SHARE_READ | FILE_SHARE_WRITE,
                            nullptr, OPEN_EXISTING, flags, nullptr));
}

// Errors that mean "something that changed since the listing": skipped with a warning.
bool isRefusal(DWORD error) {
  return error == ERROR_FILE_NOT_FOUND || error == ERROR_PATH_NOT_FOUND ||
         error == ERROR_DIRECTORY || error == ERROR_SHARING_VIOLATION;
}

DWORD attributesOf(HANDLE h) {
  BY_HANDLE_FILE_INFORMATION info{};
  return GetFileInformationByHandle(h, &info) ? info.dwFileAttributes : INVALID_FILE_ATTRIBUTES;
}

}  // namespace

Opened openBelow(const fs::path& directory, const std::string& relative) {
  std::vector<Handle> folders;  // held until the file is open
  folders.push_back(openNoFollow(directory, FILE_READ_ATTRIBUTES, true));
  if (folders.back().get() == INVALID_HANDLE_VALUE) {
    // The configured folder itself may be a link: the admin chose it.
    folders.back() = Handle(CreateFileW(directory.wstring().c_str(), FILE_READ_ATTRIBUTES,
                                        FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr, OPEN_EXISTING,
                                        FILE_FLAG_BACKUP_SEMANTICS, nullptr));
    if (folders.back().get() == INVALID_HANDLE_VALUE)
      throw sdk::Error("cannot open directory '" + directory.string() + "'");
  }
  fs::path at = directory;
  size_t from = 0;
  for (size_t slash = relative.find('/'); slash != std::string::npos;
       from = slash + 1, slash = relative.find('/', from)) {
    at /= sdk::pathFromUtf8(relative.substr(from, slash - from));
    Handle next = openNoFollow(at, FILE_READ_ATTRIBUTES, true);
    if (next.get() == INVALID_HANDLE_VALUE) {
      if (isRefusal(GetLastError())) return {-1, "a folder on its path is a link or was replaced"};
      throw sdk::Error("cannot open file '" + relative + "'");
    }
    DWORD attributes = attributesOf(next.get());
    if (attributes == INVALID_FILE_ATTRIBUTES || (attributes & FILE_ATTRIBUTE_REPARSE_POINT) ||
        !(attributes & FILE_ATTRIBUTE_DIRECTORY))
      return {-1, "a folder on its path is a link or was replaced"};
    folders.push_back(std::move(next));
  }
  Handle file = openNoFollow(at / sdk::pathFromUtf8(relative.substr(from)), GENERIC_READ, false);
  if (file.get() == INVALID_HANDLE_VALUE) {
    if (isRefusal(GetLastError())) return {-1, "it is a symbolic link or was replaced"};
    throw sdk::Error("cannot open file '" + relative + "'");
  }
  DWORD attributes = attributesOf(file.get());
  if (attributes == INVALID_FILE_ATTRIBUTES)
    throw sdk::Error("cannot read file '" + relative + "'");
  if (attributes & FILE_ATTRIBUTE_REPARSE_POINT)
    return {-1, "it is a symbolic link or was replaced"};
  if ((attributes & FILE_ATTRIBUTE_DIRECTORY) || GetFileType(file.get()) != FILE_TYPE_DISK)
    return {-1, "it is not a regular file"};
  // The callers read a C runtime descriptor, as on POSIX.
  int fd = ::_open_osfhandle(reinterpret_cast<intptr_t>(file.get()), _O_RDONLY | _O_BINARY);
  if (fd < 0) throw sdk::Error("cannot open file '" + relative + "'");
  file.release();
  return {fd, ""};
}

}  // namespace brobyg::files
