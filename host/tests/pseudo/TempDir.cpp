#include "TempDir.h"

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "FileMode.h"

namespace brobyg::pseudo::test {

void writeFileWithMode(const std::string& path, const std::string& content, unsigned mode) {
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out) throw std::runtime_error("cannot write " + path);
  }
  brobyg::test::setFileMode(path, mode);
}

}  // namespace brobyg::pseudo::test
