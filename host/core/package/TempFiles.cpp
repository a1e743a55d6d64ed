#include "package/TempFiles.h"

#include <openssl/rand.h>

#include <algorithm>
#include <filesystem>

#include "util/Error.h"
#include "util/Hex.h"
#include "util/Utf8Path.h"

namespace brobyg::package {
namespace fs = std::filesystem;

TempFiles::~TempFiles() {
  for (const std::string& path : paths_) {
    std::error_code ec;
    fs::remove_all(pathFromUtf8(path), ec);  // best effort: a destructor cannot report
  }
}

const std::string& TempFiles::add(const std::string& path) {
  paths_.push_back(path);
  return path;
}

void TempFiles::release(const std::string& path) {
  paths_.erase(std::remove(paths_.begin(), paths_.end(), path), paths_.end());
}

std::string uniqueName(const std::string& dir, const std::string& stem, const std::string& suffix) {
  for (int attempt = 0; attempt < 8; ++attempt) {
    unsigned char random[8];
    if (RAND_bytes(random, sizeof random) != 1) throw Error("no random bytes for a temp name");
    fs::path candidate =
        pathFromUtf8(dir) / pathFromUtf8(stem + "." + toHex(random, sizeof random) + suffix);
    std::error_code ec;
    if (!fs::exists(candidate, ec)) return candidate.string();
  }
  throw Error(dir + ": cannot find an unused temp name");
}

}  // namespace brobyg::package
