#include "TempDir.h"

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace brobyg::pseudo::test {
namespace fs = std::filesystem;

void writeFileWithMode(const std::string& path, const std::string& content, unsigned mode) {
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out) throw std::runtime_error("cannot write " + path);
  }
  fs::permissions(path, static_cast<fs::perms>(mode), fs::perm_options::replace);
}

}  // namespace brobyg::pseudo::test
