// The xml plugin's settings, parsed and checked once at create().
#pragma once

#include <common/FileSettings.h>

#include <brobyg_plugin.hpp>

#include <cstdint>
#include <map>
#include <string>

namespace brobyg::xml {

// Bounds of max_file_bytes, as the settings table's "min..max" states them. pugixml holds a
// whole document in memory: the upper bound keeps one file from taking the machine.
inline constexpr std::int64_t kMinFileBytes = 1024;
inline constexpr std::int64_t kMaxFileBytes = std::int64_t{4} * 1024 * 1024 * 1024;
inline constexpr std::int64_t kDefaultMaxFileBytes = 256 * 1024 * 1024;

// The file-picking settings (directory, pattern, ...) are the shared ones.
struct XmlConfig : files::FileSettings {
  std::string record;                             // XPath of one record
  std::map<std::string, std::string> namespaces;  // prefix -> namespace URI
  std::uint64_t maxFileBytes = kDefaultMaxFileBytes;

  // Throws sdk::Error naming the offending setting.
  static XmlConfig fromSettings(const sdk::Settings& settings);
};

}  // namespace brobyg::xml
