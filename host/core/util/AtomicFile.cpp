#include "util/AtomicFile.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "util/Error.h"

#ifdef _WIN32
#include <io.h>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace brobyg {
namespace fs = std::filesystem;

namespace {
std::string systemError(const std::string& path, const std::string& what) {
  return path + ": " + what + ": " + std::strerror(errno);
}

void syncFd(std::FILE* file, const std::string& path) {
#ifdef _WIN32
  if (_commit(_fileno(file)) != 0) throw Error(systemError(path, "cannot sync to disk"));
#else
  if (::fsync(fileno(file)) != 0) throw Error(systemError(path, "cannot sync to disk"));
#endif
}
}  // namespace

OutputFile::OutputFile(const std::string& path, bool privateMode) {
  open(path, privateMode);
}

void OutputFile::open(const std::string& path, bool privateMode) {
  path_ = path;
#ifdef _WIN32
  (void)privateMode;
  file_ = std::fopen(path.c_str(), "wb");
#else
  int fd =
      ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, privateMode ? 0600 : 0644);
  if (fd >= 0) {
    file_ = ::fdopen(fd, "wb");
    if (file_ == nullptr) ::close(fd);
  }
#endif
  if (file_ == nullptr) throw Error(systemError(path, "cannot create file"));
  std::setvbuf(file_, nullptr, _IOFBF, 1 << 16);
}

OutputFile::~OutputFile() {
  if (file_ != nullptr) std::fclose(file_);
}

void OutputFile::write(const void* data, std::size_t size) {
  if (size == 0) return;
  if (std::fwrite(data, 1, size, file_) != size) throw Error(systemError(path_, "write failed"));
  if (hash_) hash_->update(data, size);
  written_ += size;
}

std::string OutputFile::contentSha256() {
  if (!hash_) throw Error(path_ + ": content hashing was not enabled");
  std::string hex = hash_->hexDigest();
  hash_.reset();
  return hex;
}

void OutputFile::flush() {
  if (std::fflush(file_) != 0) throw Error(systemError(path_, "write failed"));
}

void OutputFile::sync() {
  flush();
  syncFd(file_, path_);
}

void OutputFile::close(bool durable) {
  if (file_ == nullptr) return;
  if (durable)
    sync();
  else
    flush();
  std::FILE* f = file_;
  file_ = nullptr;
  if (std::fclose(f) != 0) throw Error(systemError(path_, "close failed"));
}

namespace {
std::string tempNameFor(const std::string& target) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  fs::path p(target);
  std::ostringstream name;
  name << "." << p.filename().string() << ".tmp-" << std::hex << rng();
  return (p.parent_path() / name.str()).string();
}
}  // namespace

AtomicFile::AtomicFile(const std::string& target, bool privateMode, Durability durability)
    : target_(target), durability_(durability) {
  open(tempNameFor(target), privateMode);
}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    std::error_code ec;
    fs::remove(path(), ec);
  }
}

void AtomicFile::commit() {
  const bool durable = durability_ == Durability::Durable;
  close(durable);
  if (durable) {
    durableRename(path(), target_);
  } else {
    std::error_code ec;
    fs::rename(path(), target_, ec);
    if (ec) throw Error(target_ + ": cannot rename " + path() + " into place: " + ec.message());
  }
  committed_ = true;
}

void syncDirectory(const std::string& dir) {
#ifndef _WIN32
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw Error(systemError(dir, "cannot open folder to sync it"));
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw Error(systemError(dir, "cannot sync folder"));
#else
  (void)dir;  // NTFS journals metadata; MoveFileEx with WRITE_THROUGH is used by rename
#endif
}

void durableRename(const std::string& from, const std::string& to) {
  std::error_code ec;
  fs::rename(from, to, ec);
  if (ec) throw Error(to + ": cannot rename " + from + " into place: " + ec.message());
  std::string toDir = fs::path(to).parent_path().string();
  std::string fromDir = fs::path(from).parent_path().string();
  syncDirectory(toDir);
  if (fs::path(fromDir) != fs::path(toDir)) syncDirectory(fromDir);
}

void writeFileAtomically(const std::string& target, std::string_view content, bool privateMode) {
  AtomicFile file(target, privateMode);
  file.write(content);
  file.commit();
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open for reading");
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad()) throw Error(path + ": read error");
  return out.str();
}

}  // namespace brobyg
