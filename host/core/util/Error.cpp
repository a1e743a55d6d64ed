#include "util/Error.h"

namespace brobyg {

std::string located(const std::string& file, long line, const std::string& message) {
  if (line <= 0) return file + ": " + message;
  return file + ":" + std::to_string(line) + ": " + message;
}

}  // namespace brobyg
