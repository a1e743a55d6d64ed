#include "CsvConfig.h"

#include <common/DateFormat.h>

#include <stdexcept>

namespace brobyg::csv {
CsvConfig CsvConfig::fromSettings(const sdk::Settings& settings) {
  CsvConfig config;
  static_cast<files::FileSettings&>(config) = files::FileSettings::fromSettings(settings, "*.csv");

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
  config.skipLines = static_cast<std::uint64_t>(
      files::boundedSetting(settings, "skip_lines", 0, 0, kMaxSkipLines));
  config.trim = settings.boolean("trim", config.trim);
  config.maxLineBytes = static_cast<size_t>(files::boundedSetting(
      settings, "max_line_bytes", static_cast<std::int64_t>(config.maxLineBytes), kMinLineBytes,
      kMaxLineBytes));

  config.dateFormat = settings.string("date_format", config.dateFormat);
  try {
    files::DateFormat check(config.dateFormat);
  } catch (const std::invalid_argument& e) {
    throw sdk::Error(std::string("setting date_format: ") + e.what());
  }

  return config;
}

}  // namespace brobyg::csv
