#include "RetryAfter.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>

#include <algorithm>
#include <charconv>

namespace brobyg::rest {

std::optional<std::chrono::seconds> parseRetryAfter(const std::string& value,
                                                    const Poco::Timestamp& now) {
  const std::size_t begin = value.find_first_not_of(" \t");
  if (begin == std::string::npos) return std::nullopt;
  const std::string text = value.substr(begin, value.find_last_not_of(" \t") - begin + 1);
  if (std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    std::int64_t seconds = 0;
    const auto parsed = std::from_chars(text.data(), text.data() + text.size(), seconds);
    // More than nine digits is beyond any bound the settings allow: treat as very long.
    if (parsed.ec != std::errc() || text.size() > 9) return std::chrono::seconds(999999999);
    return std::chrono::seconds(seconds);
  }
  // IMF-fixdate, the form RFC 9110 has servers send. Poco's parser skips what it does not
  // understand ("soon" parses), so the date must format back to the same text (in GMT).
  Poco::DateTime date;
  int zone = 0;
  if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::HTTP_FORMAT, text, date, zone) ||
      zone != 0 || Poco::DateTimeFormatter::format(date, Poco::DateTimeFormat::HTTP_FORMAT) != text)
    return std::nullopt;
  const Poco::Timestamp::TimeDiff micros = date.timestamp() - now;
  // Rounded up: waiting a fraction too long is harmless, too short is another 429.
  return std::chrono::seconds(std::max<Poco::Timestamp::TimeDiff>(0, (micros + 999999) / 1000000));
}

}  // namespace brobyg::rest
