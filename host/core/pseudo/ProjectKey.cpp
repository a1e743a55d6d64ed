#include "pseudo/ProjectKey.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#ifndef _WIN32
#include <sys/stat.h>
#endif
#include <filesystem>

#include "util/AtomicFile.h"
#include "util/Error.h"
#include "util/FileSecurity.h"
#include "util/Hex.h"
#include "util/Sha256.h"

#ifdef _WIN32
#include <windows.h>
#else
#include <unistd.h>
#endif

namespace brobyg::pseudo {
namespace fs = std::filesystem;

namespace {
constexpr std::size_t kHexSize = 2 * ProjectKey::kSize;

int nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Clears a buffer that held key material on every way out of a scope.
struct Wiper {
  void* data;
  std::size_t size;
  ~Wiper() { OPENSSL_cleanse(data, size); }
};

// Reads at most `capacity` bytes unbuffered (no stdio copy of the key stays behind);
// returns the count, or capacity + 1 when the file is longer.
std::size_t readSmallFile(const std::string& path, char* buffer, std::size_t capacity) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    throw Error(path + ": cannot open project key file: " + std::strerror(errno));
  }
  std::setvbuf(file, nullptr, _IONBF, 0);
#ifndef _WIN32
  // Checked again on the file actually opened: the path may have been swapped since the
  // check by name.
  struct stat st {};
  if (::fstat(fileno(file), &st) != 0 || !S_ISREG(st.st_mode) || (st.st_mode & 077) != 0) {
    std::fclose(file);
    throw Error(path + ": project key file refused: not a regular file readable only by its "
                       "owner; run: chmod 600 " + path);
  }
#endif
  std::size_t total = std::fread(buffer, 1, capacity, file);
  char extra;
  bool longer = total == capacity && std::fread(&extra, 1, 1, file) == 1;
  bool failed = std::ferror(file) != 0;
  std::fclose(file);
  if (failed) throw Error(path + ": cannot read project key file");
  return longer ? capacity + 1 : total;
}
}  // namespace

ProjectKey::ProjectKey(const Bytes& bytes) : bytes_(bytes) {
  id_ = Sha256::hexOf(std::string_view(reinterpret_cast<const char*>(bytes_.data()), kSize))
            .substr(0, 16);
}

ProjectKey ProjectKey::fromBytes(const Bytes& bytes) {
  return ProjectKey(bytes);
}

ProjectKey ProjectKey::load(const std::string& path) {
  requirePrivateFile(path, "project key file");
  char text[kHexSize + 3];
  Wiper wipeText{text, sizeof text};
  std::size_t size = readSmallFile(path, text, sizeof text - 1);

  std::size_t hexSize = size;
  if (hexSize > 0 && text[hexSize - 1] == '\n') --hexSize;
  if (hexSize > 0 && hexSize < size && text[hexSize - 1] == '\r') --hexSize;
  if (hexSize != kHexSize) {
    throw Error(path + ": project key file must hold exactly 64 hexadecimal digits");
  }
  Bytes bytes{};
  Wiper wipeBytes{bytes.data(), bytes.size()};
  for (std::size_t i = 0; i < kSize; ++i) {
    int hi = nibble(text[2 * i]);
    int lo = nibble(text[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      throw Error(path + ": project key file has a character that is not a hexadecimal digit");
    }
    bytes[i] = static_cast<unsigned char>((hi << 4) | lo);
  }
  return ProjectKey(bytes);
}

ProjectKey::ProjectKey(ProjectKey&& other) noexcept
    : bytes_(other.bytes_), id_(std::move(other.id_)) {
  OPENSSL_cleanse(other.bytes_.data(), kSize);
}

ProjectKey& ProjectKey::operator=(ProjectKey&& other) noexcept {
  if (this != &other) {
    bytes_ = other.bytes_;
    id_ = std::move(other.id_);
    OPENSSL_cleanse(other.bytes_.data(), kSize);
  }
  return *this;
}

ProjectKey::~ProjectKey() {
  OPENSSL_cleanse(bytes_.data(), kSize);
}

namespace {
// Moves the finished temp file to `target` only if `target` does not exist: a hard link
// fails with EEXIST where a rename would silently replace an existing key.
void publishWithoutOverwrite(const std::string& temp, const std::string& target) {
#ifdef _WIN32
  if (!MoveFileExA(temp.c_str(), target.c_str(), MOVEFILE_WRITE_THROUGH)) {
    throw Error(target + ": refusing to overwrite an existing project key file");
  }
#else
  if (::link(temp.c_str(), target.c_str()) != 0) {
    int error = errno;
    if (error == EEXIST)
      throw Error(target + ": refusing to overwrite an existing project key file");
    throw Error(target + ": cannot create project key file: " + std::strerror(error));
  }
  std::error_code ignored;
  fs::remove(temp, ignored);
#endif
  std::string dir = fs::path(target).parent_path().string();
  syncDirectory(dir);
}
}  // namespace

std::string generateKeyFile(const std::string& path) {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(path, ec))) {
    throw Error(path + ": refusing to overwrite an existing project key file");
  }
  ProjectKey::Bytes bytes{};
  Wiper wipeBytes{bytes.data(), bytes.size()};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw Error("cannot get random bytes from OpenSSL for a new project key");
  }
  std::string text = toHex(bytes.data(), bytes.size()) + "\n";
  Wiper wipeText{text.data(), text.size()};

  // Written as the temp file of an AtomicFile that is never committed: the file is durable
  // under a temp name, published by publishWithoutOverwrite, and the temp name is removed
  // by the AtomicFile's destructor if anything fails.
  AtomicFile file(path, /*privateMode=*/true);
  file.write(text);
  file.close();
  publishWithoutOverwrite(file.path(), path);
  return ProjectKey::fromBytes(bytes).id();
}

}  // namespace brobyg::pseudo
