#include <io.h>
#include <windows.h>

#include <cerrno>
#include <cstring>

#include "util/DurableFile.h"
#include "util/Error.h"
#include "util/FileSecurity.h"
#include "util/WindowsPath.h"

namespace brobyg {

namespace {
void moveFile(const std::string& from, const std::string& to, DWORD flags) {
  if (!MoveFileExW(widePath(from).c_str(), widePath(to).c_str(), flags))
    throw Error(to + ": cannot rename " + from +
                " into place: " + windowsErrorText(GetLastError()));
}
}  // namespace

std::FILE* createOutputFile(const std::string& path, bool privateMode) {
  // N: not inherited by child processes (O_CLOEXEC).
  std::FILE* file = ::_wfopen(widePath(path).c_str(), L"wbN");
  if (file == nullptr) throw Error(systemError(path, "cannot create file"));
  if (privateMode) {
    try {
      makePrivate(path);
    } catch (...) {
      std::fclose(file);
      throw;
    }
  }
  return file;
}

void syncFile(std::FILE* file, const std::string& path) {
  auto handle = reinterpret_cast<HANDLE>(::_get_osfhandle(::_fileno(file)));
  if (!FlushFileBuffers(handle))
    throw Error(path + ": cannot sync to disk: " + windowsErrorText(GetLastError()));
}

void replaceFile(const std::string& from, const std::string& to) {
  moveFile(from, to, MOVEFILE_REPLACE_EXISTING);
}

void syncDirectory(const std::string&) {}

// WRITE_THROUGH: MoveFileExW returns only once the rename is on the disk.
void durableRename(const std::string& from, const std::string& to) {
  moveFile(from, to, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH);
}

// Without MOVEFILE_REPLACE_EXISTING, MoveFileExW refuses an existing target.
bool publishNoReplace(const std::string& from, const std::string& to) {
  if (MoveFileExW(widePath(from).c_str(), widePath(to).c_str(), MOVEFILE_WRITE_THROUGH))
    return true;
  DWORD err = GetLastError();
  if (err == ERROR_ALREADY_EXISTS || err == ERROR_FILE_EXISTS) return false;
  throw Error(to + ": cannot put file in place: " + windowsErrorText(err));
}

}  // namespace brobyg
