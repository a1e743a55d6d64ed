#pragma once

#include <string>

#include "../support/TempDir.h"

namespace brobyg::pseudo::test {

using brobyg::test::TempDir;

// Writes `content` to `path` and sets its POSIX mode.
void writeFileWithMode(const std::string& path, const std::string& content, unsigned mode);

}  // namespace brobyg::pseudo::test
