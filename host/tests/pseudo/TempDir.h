#pragma once

#include <string>

namespace brobyg::pseudo::test {

// A fresh private folder under the system temp folder, removed with everything in it.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Writes `content` to `path` and sets its POSIX mode.
void writeFileWithMode(const std::string& path, const std::string& content, unsigned mode);

}  // namespace brobyg::pseudo::test
