#pragma once

#include <string>

namespace brobyg::test {

// Gives a test's file the POSIX mode `mode` (chmod). On Windows: what the mode means to
// brobyg's checks (util/FileSecurity.h): private when only the owner has bits, else also
// readable by Everyone. Set explicitly there, as Wine does not inherit access lists.
void setFileMode(const std::string& path, unsigned mode);

}  // namespace brobyg::test
