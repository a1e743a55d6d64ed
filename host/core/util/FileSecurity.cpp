#include "util/FileSecurity.h"

#include "util/Error.h"

// What both platforms share; the checks themselves are in FileSecurityPosix.cpp (mode bits and
// owner) and FileSecurityWindows.cpp (owner and access list).
namespace brobyg {

void refusePrivateFile(const std::string& path, const std::string& what,
                       const std::string& problem) {
  throw Error(path + ": " + what + " refused: " + problem);
}

void requirePrivateFile(const std::string& path, const std::string& what) {
  std::string problem = privateFileProblem(path);
  if (!problem.empty()) refusePrivateFile(path, what, problem);
}

}  // namespace brobyg
