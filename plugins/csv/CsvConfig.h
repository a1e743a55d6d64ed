// The csv plugin's settings, parsed and checked once at create().
#pragma once

#include "CsvReader.h"

#include <common/FileSettings.h>

#include <brobyg_plugin.hpp>

#include <cstdint>
#include <string>

namespace brobyg::csv {

enum class Encoding { Utf8, Windows1252 };

// Bounds of the INT settings, as the settings table's "min..max" states them.
inline constexpr std::int64_t kMaxSkipLines = 1000000;
inline constexpr std::int64_t kMinLineBytes = 64;
inline constexpr std::int64_t kMaxLineBytes = 64 * 1024 * 1024;

// The file-picking settings (directory, pattern, ...) are the shared ones.
struct CsvConfig : files::FileSettings {
  Dialect dialect;
  Encoding encoding = Encoding::Utf8;
  bool header = true;
  std::uint64_t skipLines = 0;
  bool trim = true;
  size_t maxLineBytes = 1024 * 1024;
  std::string dateFormat = "yyyy-mm-dd";

  // Throws sdk::Error naming the offending setting (never its value when it could be data).
  static CsvConfig fromSettings(const sdk::Settings& settings);
};

}  // namespace brobyg::csv
