#include "config/SecretValue.h"

#include <cerrno>
#include <cstdlib>

#include "util/Error.h"
#include "util/FileSecurity.h"

#ifdef _WIN32
#include <io.h>
#else
#include <unistd.h>
#endif

namespace brobyg::config {
namespace {

// Reads at most `limit` + 1 bytes, so that a file over the limit is told from one at it.
bool readUpTo(int fd, std::size_t limit, std::string& out) {
  char buffer[4096];
  while (out.size() <= limit) {
#ifdef _WIN32
    auto n = ::_read(fd, buffer, sizeof buffer);
#else
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
#endif
    if (n < 0) return false;
    if (n == 0) break;
    out.append(buffer, static_cast<std::size_t>(n));
  }
  return true;
}

void closeFd(int fd) {
#ifdef _WIN32
  ::_close(fd);
#else
  ::close(fd);
#endif
}

}  // namespace

std::string readSecretFile(const std::string& path, const std::string& what) {
  const int fd = openPrivateFile(path, what);
  std::string value;
  const bool ok = readUpTo(fd, kMaxSecretFileBytes, value);
  closeFd(fd);
  if (!ok) throw Error(path + ": " + what + " cannot be read");
  if (value.size() > kMaxSecretFileBytes)
    throw Error(path + ": " + what + " is over " + std::to_string(kMaxSecretFileBytes / 1024) +
                " KiB; is it the right file?");
  // Editors end a file with a newline; the secret is the line before it.
  if (!value.empty() && value.back() == '\n') {
    value.pop_back();
    if (!value.empty() && value.back() == '\r') value.pop_back();
  }
  if (value.empty()) throw Error(path + ": " + what + " is empty");
  return value;
}

std::optional<std::string> environmentValue(const std::string& name) {
  if (name.empty()) return std::nullopt;
  const char* value = std::getenv(name.c_str());
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

}  // namespace brobyg::config
