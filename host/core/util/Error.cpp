#include "util/Error.h"

#include <cerrno>
#include <cstring>

namespace brobyg {

std::string located(const std::string& file, long line, const std::string& message) {
  if (line <= 0) return file + ": " + message;
  return file + ":" + std::to_string(line) + ": " + message;
}

std::string systemError(const std::string& path, const std::string& what) {
  return path + ": " + what + ": " + std::strerror(errno);
}

}  // namespace brobyg
