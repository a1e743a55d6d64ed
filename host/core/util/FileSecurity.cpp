#include "util/FileSecurity.h"

#include <filesystem>
#include <sstream>

#include "util/Error.h"

#ifndef _WIN32
#include <sys/stat.h>
#endif

namespace brobyg {
namespace fs = std::filesystem;

std::string privateFileProblem(const std::string& path) {
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) return "file does not exist";
  if (!fs::is_regular_file(status)) return "not a regular file";
#ifndef _WIN32
  auto perms = status.permissions();
  constexpr auto others = fs::perms::group_all | fs::perms::others_all;
  if ((perms & others) != fs::perms::none) {
    std::ostringstream msg;
    msg << "readable or writable by others (mode " << std::oct
        << (static_cast<unsigned>(perms) & 0777u) << "); run: chmod 600 " << path;
    return msg.str();
  }
#endif
  return {};
}

void requirePrivateFile(const std::string& path, const std::string& what) {
  std::string problem = privateFileProblem(path);
  if (!problem.empty()) throw Error(path + ": " + what + " refused: " + problem);
}

void createPrivateDirectory(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return;
  fs::create_directories(path, ec);
  if (ec) throw Error(path + ": cannot create folder: " + ec.message());
  fs::permissions(path, fs::perms::owner_all, fs::perm_options::replace, ec);
  if (ec) throw Error(path + ": cannot restrict folder permissions: " + ec.message());
}

}  // namespace brobyg
