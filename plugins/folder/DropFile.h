#pragma once

// The platform part of the folder destination (DropFilePosix.cpp, DropFileWindows.cpp): a part
// file that no one else writes, made durable, then put in place without replacing anything.
// Plugins use the standard library only, so this does not share the host's util/DurableFile.

#include <cstddef>
#include <cstdint>
#include <string>

namespace brobyg::folder {

class PartFile {
 public:
  // Creates `path`, failing when it exists (O_EXCL, CREATE_NEW). Throws sdk::Error.
  explicit PartFile(const std::string& path);
  ~PartFile();  // closes; the caller removes the file when it gives up
  PartFile(const PartFile&) = delete;
  PartFile& operator=(const PartFile&) = delete;

  // Both throw sdk::Error naming the part file and the system's reason.
  void write(const char* data, std::size_t size);
  void sync();  // fsync, FlushFileBuffers
  // Closes early (Windows cannot remove a file that is still open); the destructor then does
  // nothing.
  void close();

 private:
  std::string path_;
  std::intptr_t handle_ = -1;  // a descriptor (POSIX) or a HANDLE (Windows)
};

// Renames `from` to `to` only when `to` does not exist (POSIX link and unlink, Windows
// MoveFileExW without REPLACE_EXISTING); false, `from` left in place, when it does.
bool publishNoReplace(const std::string& from, const std::string& to);
// Makes the folder's new entries durable (fsync of the folder; nothing on Windows, where the
// rename wrote through).
void syncFolder(const std::string& dir);
// "" when the process may create files in `dir`, else why not.
std::string folderNotWritable(const std::string& dir);

}  // namespace brobyg::folder
