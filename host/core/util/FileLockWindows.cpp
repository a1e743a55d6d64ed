#include <windows.h>

#include "util/Error.h"
#include "util/FileLock.h"
#include "util/WindowsPath.h"

namespace brobyg {

// LockFileEx on the whole file, like flock: an exclusive lock that Windows drops when the
// handle closes or the process dies. A second handle, even in the same process, is refused.
FileLock::FileLock(const std::string& path, const std::string& what) {
  HANDLE file = CreateFileW(widePath(path).c_str(), GENERIC_READ | GENERIC_WRITE,
                            FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                            OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr);
  if (file == INVALID_HANDLE_VALUE)
    throw Error(path + ": cannot open lock file: " + windowsErrorText(GetLastError()));
  OVERLAPPED whole{};
  if (!LockFileEx(file, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, MAXDWORD, MAXDWORD,
                  &whole)) {
    DWORD err = GetLastError();
    CloseHandle(file);
    if (err == ERROR_LOCK_VIOLATION) throw Error(what + " is already running in another process");
    throw Error(path + ": cannot lock: " + windowsErrorText(err));
  }
  handle_ = reinterpret_cast<std::intptr_t>(file);
}

FileLock::~FileLock() {
  if (handle_ != -1) CloseHandle(reinterpret_cast<HANDLE>(handle_));
}

}  // namespace brobyg
