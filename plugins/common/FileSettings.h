// The settings every file-reading source shares: where the files are, which ones, how old
// they must be, and what to do with symbolic links. Parsed once at create().
#pragma once

#include <brobyg_plugin.h>

#include <brobyg_plugin.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

namespace brobyg::files {

// What to do with a symbolic link in the directory: skip it with a warning, or read it when
// its target lies inside the directory.
enum class FollowSymlinks { No, Inside };

struct FileSettings {
  std::filesystem::path directory;
  std::string pattern;
  bool recursive = false;
  std::chrono::seconds minFileAge{120};
  FollowSymlinks followSymlinks = FollowSymlinks::No;

  // Reads directory, pattern, recursive, min_file_age and follow_symlinks. Throws sdk::Error
  // naming the offending setting.
  static FileSettings fromSettings(const sdk::Settings& settings,
                                   const std::string& defaultPattern);
};

// "30s", "5m", "2h", "1d" as the host validates BROBYG_SETTING_DURATION. Throws
// std::invalid_argument otherwise.
std::chrono::seconds parseDuration(const std::string& text);

// An INT setting within [minimum, maximum]. The host checks the table's range too; this
// keeps create() safe when called without it. Throws sdk::Error naming the setting.
std::int64_t boundedSetting(const sdk::Settings& settings, const std::string& key,
                            std::int64_t fallback, std::int64_t minimum, std::int64_t maximum);

// The settings-table rows of these settings, for a plugin's table (which then documents and
// validates them like its own). Only the directory's description and the pattern's default
// differ from plugin to plugin.
constexpr brobyg_setting_def directorySetting(const char* description) {
  return {"directory", BROBYG_SETTING_PATH, BROBYG_SETTING_REQUIRED, nullptr, nullptr, description};
}

constexpr brobyg_setting_def patternSetting(const char* defaultPattern) {
  return {"pattern",
          BROBYG_SETTING_STRING,
          0,
          defaultPattern,
          nullptr,
          "File names to read: glob with * and ?, matched against the name only, ASCII letters "
          "case-insensitive."};
}

inline constexpr brobyg_setting_def kRecursiveSetting = {
    "recursive", BROBYG_SETTING_BOOL,
    0,           "false",
    nullptr,     "Also read matching files in subfolders."};

inline constexpr brobyg_setting_def kMinFileAgeSetting = {
    "min_file_age",
    BROBYG_SETTING_DURATION,
    0,
    "2m",
    nullptr,
    "Leave files modified more recently than this for the next run: a vendor may still be "
    "writing or copying them, and a half-written file would be read. 2m outlasts a "
    "nightly export's copy to a share and delays it by no more than one run; 0s only when "
    "the vendor writes under another name and renames."};

inline constexpr brobyg_setting_def kFollowSymlinksSetting = {
    "follow_symlinks",
    BROBYG_SETTING_CHOICE,
    0,
    "no",
    "no|inside",
    "Symbolic links in the directory: no = skipped with a warning naming the link; inside = "
    "read when the target lies inside the directory (else skipped with a warning)."};

}  // namespace brobyg::files
