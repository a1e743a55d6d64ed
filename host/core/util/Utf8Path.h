#pragma once

// The host's names for the SDK's UTF-8 path helpers (plugins/sdk/brobyg_path.hpp): every path
// the host keeps as std::string is UTF-8, and meets std::filesystem and fopen through these.

#include "brobyg_path.hpp"

namespace brobyg {

using sdk::joinUtf8;
using sdk::openFileUtf8;
using sdk::pathFromUtf8;
using sdk::utf8FromPath;

}  // namespace brobyg
