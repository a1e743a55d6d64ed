#include "TempDir.h"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace brobyg::test {
namespace fs = std::filesystem;

TempDir::TempDir() {
  // mkdtemp makes the folder with mode 0700 and a name no other process has.
  std::string pattern = (fs::temp_directory_path() / "brobyg-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

}  // namespace brobyg::test
