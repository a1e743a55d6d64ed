// The csv plugin's settings, parsed and checked once at create().
#pragma once

#include "CsvReader.h"

#include <brobyg_plugin.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

namespace brobyg::csv {

enum class Encoding { Utf8, Windows1252 };

// What to do with a symbolic link in the directory: skip it with a warning, or read it when
// its target lies inside the directory.
enum class FollowSymlinks { No, Inside };

// Bounds of the INT settings, as the settings table's "min..max" states them.
inline constexpr std::int64_t kMaxSkipLines = 1000000;
inline constexpr std::int64_t kMinLineBytes = 64;
inline constexpr std::int64_t kMaxLineBytes = 64 * 1024 * 1024;

struct CsvConfig {
  std::filesystem::path directory;
  std::string pattern = "*.csv";
  bool recursive = false;
  Dialect dialect;
  Encoding encoding = Encoding::Utf8;
  bool header = true;
  std::uint64_t skipLines = 0;
  bool trim = true;
  size_t maxLineBytes = 1024 * 1024;
  std::string dateFormat = "yyyy-mm-dd";
  std::chrono::seconds minFileAge{120};
  FollowSymlinks followSymlinks = FollowSymlinks::No;

  // Throws sdk::Error naming the offending setting (never its value when it could be data).
  static CsvConfig fromSettings(const sdk::Settings& settings);
};

// "30s", "5m", "2h", "1d" as the host validates BROBYG_SETTING_DURATION.
std::chrono::seconds parseDuration(const std::string& text);

}  // namespace brobyg::csv
