#pragma once

#include <cstdlib>
#include <cstring>

namespace brobyg {

// A named point where the crash tests stop the process the hard way (as a power cut or
// kill -9 would), to prove that no package is lost or sent twice. Only active when the
// environment variable BROBYG_TEST_CRASH_AT names the point; costs one getenv otherwise.
inline void crashPoint(const char* name) {
  const char* at = std::getenv("BROBYG_TEST_CRASH_AT");
  if (at != nullptr && std::strcmp(at, name) == 0) std::_Exit(86);
}

}  // namespace brobyg
