#include "CsvConfig.h"

#include "DateFormat.h"

#include <charconv>
#include <stdexcept>

namespace brobyg::csv {
namespace {

// The host checks the table's range too; this keeps create() safe when called without it.
std::int64_t bounded(const sdk::Settings& settings, const std::string& key, std::int64_t fallback,
                     std::int64_t minimum, std::int64_t maximum) {
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

}  // namespace

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

CsvConfig CsvConfig::fromSettings(const sdk::Settings& settings) {
  CsvConfig config;
  config.directory = settings.string("directory");
  if (config.directory.empty()) throw sdk::Error("setting directory: required");
  config.pattern = settings.string("pattern", config.pattern);
  if (config.pattern.empty()) throw sdk::Error("setting pattern: must not be empty");
  config.recursive = settings.boolean("recursive", config.recursive);

  config.dialect.delimiter = settings.character("delimiter", config.dialect.delimiter);
  config.dialect.quote = settings.character("quote", config.dialect.quote);
  for (const char* key : {"delimiter", "quote"}) {
    const char c = settings.character(key, ' ');
    if (c == '\n' || c == '\r')
      throw sdk::Error(std::string("setting ") + key + ": not a line end");
    if (static_cast<unsigned char>(c) >= 0x80)
      throw sdk::Error(std::string("setting ") + key + ": must be an ASCII character");
  }
  if (config.dialect.delimiter == config.dialect.quote)
    throw sdk::Error("settings delimiter and quote: must differ");

  const std::string encoding = settings.string("encoding", "utf-8");
  if (encoding == "utf-8") {
    config.encoding = Encoding::Utf8;
  } else if (encoding == "windows-1252") {
    config.encoding = Encoding::Windows1252;
  } else {
    throw sdk::Error("setting encoding: must be utf-8 or windows-1252");
  }

  config.header = settings.boolean("header", config.header);
  config.skipLines =
      static_cast<std::uint64_t>(bounded(settings, "skip_lines", 0, 0, kMaxSkipLines));
  config.trim = settings.boolean("trim", config.trim);
  config.maxLineBytes = static_cast<size_t>(bounded(settings, "max_line_bytes",
                                                    static_cast<std::int64_t>(config.maxLineBytes),
                                                    kMinLineBytes, kMaxLineBytes));

  config.dateFormat = settings.string("date_format", config.dateFormat);
  try {
    DateFormat check(config.dateFormat);
  } catch (const std::invalid_argument& e) {
    throw sdk::Error(std::string("setting date_format: ") + e.what());
  }

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

}  // namespace brobyg::csv
