#pragma once

#include <string>

namespace brobyg {

// The folder of the running executable. Plugins, schemas and (for a Windows service, which
// starts in System32 without arguments) the configuration are found relative to it.
std::string executableDirectory();

// <executable dir>/../<relative>: the build tree mirrors the installed layout.
std::string installedPath(const std::string& relative);

}  // namespace brobyg
