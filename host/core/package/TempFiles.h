#pragma once

#include <string>
#include <vector>

namespace brobyg::package {

// Removes the files and folders it was given when it goes out of scope, so that
// intermediates (some holding plaintext) never outlive a build or open, even on error.
class TempFiles {
 public:
  TempFiles() = default;
  ~TempFiles();
  TempFiles(const TempFiles&) = delete;
  TempFiles& operator=(const TempFiles&) = delete;

  // Returns `path` for convenience.
  const std::string& add(const std::string& path);
  // Stops tracking `path` (it was renamed into place).
  void release(const std::string& path);

 private:
  std::vector<std::string> paths_;
};

// A name that does not exist yet in `dir`: `<stem>.<16 random hex><suffix>`.
std::string uniqueName(const std::string& dir, const std::string& stem, const std::string& suffix);

}  // namespace brobyg::package
