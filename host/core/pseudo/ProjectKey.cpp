#include "pseudo/ProjectKey.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>

#include <filesystem>

#include "util/DurableFile.h"
#include "util/Error.h"
#include "util/FileSecurity.h"
#include "util/Hex.h"
#include "util/Sha256.h"
#include "util/Utf8Path.h"

#ifdef _WIN32
#include <io.h>
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

int closeFd(int fd) {
#ifdef _WIN32
  return ::_close(fd);
#else
  return ::close(fd);
#endif
}

// Reads at most `capacity` bytes with read(2), so that no stdio buffer keeps a copy of the key;
// returns the count, or capacity + 1 when the file is longer. The owner and mode are checked
// on the file actually opened: the path may have been swapped since a check by name.
std::size_t readSmallFile(const std::string& path, char* buffer, std::size_t capacity) {
  int fd = openPrivateFile(path, "project key file");
  std::size_t total = 0;
  bool failed = false;
  while (total <= capacity) {
    char extra;
    char* into = total < capacity ? buffer + total : &extra;
    std::size_t room = total < capacity ? capacity - total : 1;
#ifdef _WIN32
    auto n = ::_read(fd, into, static_cast<unsigned>(room));
#else
    ssize_t n = ::read(fd, into, room);
    if (n < 0 && errno == EINTR) continue;
#endif
    if (n < 0) failed = true;
    if (n <= 0) break;
    total += static_cast<std::size_t>(n);
  }
  closeFd(fd);
  if (failed) throw Error(path + ": cannot read project key file");
  return total;
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
void publishWithoutOverwrite(const std::string& temp, const std::string& target) {
  if (!publishNoReplace(temp, target))
    throw Error(target + ": refusing to overwrite an existing project key file");
}

// A new private temp file beside `target`, removed when this object dies.
struct SecretTempFile {
  std::string path;
  int fd = -1;

  explicit SecretTempFile(const std::string& target) {
    unsigned char random[8];
    if (RAND_bytes(random, sizeof random) != 1) throw Error("cannot get random bytes");
    const fs::path t = pathFromUtf8(target);
    path = utf8FromPath(t.parent_path() / pathFromUtf8("." + utf8FromPath(t.filename()) + ".tmp-" +
                                                       toHex(random, 8)));
#ifdef _WIN32
    fd = ::_wopen(pathFromUtf8(path).c_str(), _O_WRONLY | _O_CREAT | _O_EXCL | _O_BINARY,
                  _S_IREAD | _S_IWRITE);
#else
    fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
#endif
    if (fd < 0) throw Error(path + ": cannot create project key file: " + std::strerror(errno));
    makePrivate(path);  // Windows: _open cannot give the private access list
  }
  ~SecretTempFile() {
    if (fd >= 0) closeFd(fd);
    std::error_code ignored;
    fs::remove(pathFromUtf8(path), ignored);
  }

  // write(2) and fsync, no stdio: a stdio buffer would keep a copy of the key after fclose.
  void writeAndClose(const char* data, std::size_t size) {
    while (size > 0) {
#ifdef _WIN32
      auto n = ::_write(fd, data, static_cast<unsigned>(size));
#else
      ssize_t n = ::write(fd, data, size);
      if (n < 0 && errno == EINTR) continue;
#endif
      if (n <= 0) throw Error(path + ": cannot write project key file: " + std::strerror(errno));
      data += n;
      size -= static_cast<std::size_t>(n);
    }
#ifdef _WIN32
    bool synced = ::_commit(fd) == 0;
#else
    bool synced = ::fsync(fd) == 0;
#endif
    int closeResult = closeFd(fd);
    fd = -1;
    if (!synced || closeResult != 0)
      throw Error(path + ": cannot write project key file: " + std::strerror(errno));
  }
};
}  // namespace

std::string generateKeyFile(const std::string& path) {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(pathFromUtf8(path), ec))) {
    throw Error(path + ": refusing to overwrite an existing project key file");
  }
  ProjectKey::Bytes bytes{};
  Wiper wipeBytes{bytes.data(), bytes.size()};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw Error("cannot get random bytes from OpenSSL for a new project key");
  }
  // The hex text lives in this array only (toHex would return a std::string whose buffer
  // could be reallocated and freed unwiped) and is wiped on every way out.
  static constexpr char kDigits[] = "0123456789abcdef";
  char text[kHexSize + 1];
  Wiper wipeText{text, sizeof text};
  for (std::size_t i = 0; i < ProjectKey::kSize; ++i) {
    text[2 * i] = kDigits[bytes[i] >> 4];
    text[2 * i + 1] = kDigits[bytes[i] & 0x0F];
  }
  text[kHexSize] = '\n';

  SecretTempFile file(path);
  file.writeAndClose(text, sizeof text);
  publishWithoutOverwrite(file.path, path);
  return ProjectKey::fromBytes(bytes).id();
}

}  // namespace brobyg::pseudo
