#include "Env.h"

#include <cstdlib>
#include <stdexcept>

namespace brobyg::test {

void setEnv(const std::string& name, const std::string& value) {
#ifdef _WIN32
  const int failed = ::_putenv_s(name.c_str(), value.c_str());
#else
  const int failed = ::setenv(name.c_str(), value.c_str(), 1);
#endif
  if (failed != 0) throw std::runtime_error("cannot set " + name);
}

void unsetEnv(const std::string& name) {
#ifdef _WIN32
  const int failed = ::_putenv_s(name.c_str(), "");
#else
  const int failed = ::unsetenv(name.c_str());
#endif
  if (failed != 0) throw std::runtime_error("cannot unset " + name);
}

}  // namespace brobyg::test
