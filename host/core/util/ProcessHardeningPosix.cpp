#include <sys/resource.h>

#include <cerrno>
#include <cstring>

#include "util/ProcessHardening.h"

#ifdef __linux__
#include <sys/prctl.h>
#endif

namespace brobyg {

std::vector<std::string> hardenProcess() {
  std::vector<std::string> failures;
  rlimit none{0, 0};
  if (setrlimit(RLIMIT_CORE, &none) != 0)
    failures.push_back(std::string("cannot switch off core dumps (setrlimit): ") +
                       std::strerror(errno));
#ifdef __linux__
  if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    failures.push_back(std::string("cannot make the process non-dumpable (prctl): ") +
                       std::strerror(errno));
#endif
  return failures;
}

}  // namespace brobyg
