#include <windows.h>

#include <brobyg_path.hpp>
#include <brobyg_plugin.hpp>

#include "DropFile.h"

namespace brobyg::folder {
using sdk::Error;

namespace {

// The plugin keeps paths in UTF-8 like the host; the wide API takes UTF-16.
std::wstring wide(const std::string& utf8) {
  return sdk::pathFromUtf8(utf8).native();
}

std::string errorText(DWORD code) {
  char* text = nullptr;
  DWORD n = FormatMessageA(
      FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
      nullptr, code, 0, reinterpret_cast<char*>(&text), 0, nullptr);
  std::string out = n > 0 ? std::string(text, n) : "error " + std::to_string(code);
  if (text != nullptr) LocalFree(text);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r' || out.back() == '.'))
    out.pop_back();
  return out;
}

HANDLE handleOf(std::intptr_t h) {
  return reinterpret_cast<HANDLE>(h);
}

}  // namespace

PartFile::PartFile(const std::string& path) : path_(path) {
  HANDLE file = CreateFileW(wide(path).c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW,
                            FILE_ATTRIBUTE_NORMAL, nullptr);
  if (file == INVALID_HANDLE_VALUE)
    throw Error(path + ": cannot create: " + errorText(GetLastError()));
  handle_ = reinterpret_cast<std::intptr_t>(file);
}

void PartFile::close() {
  if (handle_ != -1) CloseHandle(handleOf(handle_));
  handle_ = -1;
}

PartFile::~PartFile() {
  close();
}

void PartFile::write(const char* data, std::size_t size) {
  while (size > 0) {
    DWORD chunk = size > (1u << 30) ? (1u << 30) : static_cast<DWORD>(size);
    DWORD written = 0;
    if (!WriteFile(handleOf(handle_), data, chunk, &written, nullptr))
      throw Error(path_ + ": write failed: " + errorText(GetLastError()));
    data += written;
    size -= written;
  }
}

void PartFile::sync() {
  if (!FlushFileBuffers(handleOf(handle_)))
    throw Error(path_ + ": cannot sync to disk: " + errorText(GetLastError()));
}

// Without MOVEFILE_REPLACE_EXISTING, MoveFileExW refuses an existing target; WRITE_THROUGH
// returns once the rename is on the disk.
bool publishNoReplace(const std::string& from, const std::string& to) {
  if (MoveFileExW(wide(from).c_str(), wide(to).c_str(), MOVEFILE_WRITE_THROUGH)) return true;
  DWORD err = GetLastError();
  if (err == ERROR_ALREADY_EXISTS || err == ERROR_FILE_EXISTS) return false;
  throw Error(to + ": cannot put package in place: " + errorText(err));
}

void syncFolder(const std::string&) {}

// A folder's read-only attribute means nothing on Windows; its access list decides, and the
// part file's creation reports a refusal with the system's reason.
std::string folderNotWritable(const std::string& dir) {
  DWORD attributes = GetFileAttributesW(wide(dir).c_str());
  if (attributes == INVALID_FILE_ATTRIBUTES) return errorText(GetLastError());
  return (attributes & FILE_ATTRIBUTE_DIRECTORY) ? "" : "not a folder";
}

}  // namespace brobyg::folder
