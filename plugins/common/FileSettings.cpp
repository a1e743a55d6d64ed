#include "FileSettings.h"

#include <brobyg_path.hpp>

#include <charconv>
#include <stdexcept>

namespace brobyg::files {

std::chrono::seconds parseDuration(const std::string& text) {
  std::int64_t value = 0;
  const char* end = text.data() + text.size();
  const auto parsed = std::from_chars(text.data(), end, value);
  if (parsed.ec != std::errc() || value < 0 || parsed.ptr + 1 != end)
    throw std::invalid_argument("duration");
  switch (*parsed.ptr) {
    case 's':
      return std::chrono::seconds(value);
    case 'm':
      return std::chrono::minutes(value);
    case 'h':
      return std::chrono::hours(value);
    case 'd':
      return std::chrono::hours(24 * value);
    default:
      throw std::invalid_argument("duration");
  }
}

std::int64_t boundedSetting(const sdk::Settings& settings, const std::string& key,
                            std::int64_t fallback, std::int64_t minimum, std::int64_t maximum) {
  std::int64_t value = fallback;
  try {
    value = settings.integer(key, fallback);
  } catch (const std::exception&) {
    throw sdk::Error("setting " + key + ": not a whole number");
  }
  if (value < minimum || value > maximum)
    throw sdk::Error("setting " + key + ": must be from " + std::to_string(minimum) + " to " +
                     std::to_string(maximum));
  return value;
}

FileSettings FileSettings::fromSettings(const sdk::Settings& settings,
                                        const std::string& defaultPattern) {
  FileSettings config;
  config.directory = sdk::pathFromUtf8(settings.string("directory"));
  if (config.directory.empty()) throw sdk::Error("setting directory: required");
  config.pattern = settings.string("pattern", defaultPattern);
  if (config.pattern.empty()) throw sdk::Error("setting pattern: must not be empty");
  config.recursive = settings.boolean("recursive", config.recursive);

  try {
    config.minFileAge = parseDuration(settings.string("min_file_age", "2m"));
  } catch (const std::invalid_argument&) {
    throw sdk::Error("setting min_file_age: expected a duration such as 30s, 5m, 2h or 1d");
  }

  const std::string follow = settings.string("follow_symlinks", "no");
  if (follow == "no") {
    config.followSymlinks = FollowSymlinks::No;
  } else if (follow == "inside") {
    config.followSymlinks = FollowSymlinks::Inside;
  } else {
    throw sdk::Error("setting follow_symlinks: must be no or inside");
  }
  return config;
}

}  // namespace brobyg::files
