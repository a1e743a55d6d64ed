#include "TempDir.h"

#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>

namespace brobyg::test {
namespace fs = std::filesystem;

TempDir::TempDir() {
#ifdef _WIN32
  // No mkdtemp: a random name that create_directory refuses when it exists. The folder takes
  // the ACL of the user's own temp folder.
  std::random_device random;
  for (int attempt = 0; attempt < 100 && path_.empty(); ++attempt) {
    const fs::path candidate =
        fs::temp_directory_path() / ("brobyg-test-" + std::to_string(random()));
    if (fs::create_directory(candidate)) path_ = candidate.generic_string();
  }
  if (path_.empty()) throw std::runtime_error("cannot make a temp folder");
#else
  // mkdtemp makes the folder with mode 0700 and a name no other process has.
  std::string pattern = (fs::temp_directory_path() / "brobyg-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
#endif
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

}  // namespace brobyg::test
