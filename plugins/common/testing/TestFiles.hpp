// Files and folders for the file plugins' tests. Header-only.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace brobyg::filetest {

inline void writeFile(const std::filesystem::path& path, const std::string& bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// A fresh, empty folder for one test: <temp>/brobyg_<plugin>_test_<pid>_<name>.
inline std::filesystem::path freshDirectory(const std::string& plugin, const std::string& name) {
  // ctest runs tests as parallel processes (and CI may share /tmp): the pid keeps them apart.
  const auto dir = std::filesystem::temp_directory_path() /
                   ("brobyg_" + plugin + "_test_" + std::to_string(::getpid()) + "_" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace brobyg::filetest
