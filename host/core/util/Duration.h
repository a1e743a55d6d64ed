#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace brobyg {

// Seconds in a duration written as a whole number and a unit: 30s, 15m, 6h, 90d. Empty for
// anything else (no unit, a sign, a fraction, an overflowing number).
inline std::optional<std::int64_t> parseDuration(std::string_view text) {
  if (text.size() < 2 || text.size() > 10) return std::nullopt;  // at most 9 digits
  std::int64_t unit = 0;
  switch (text.back()) {
    case 's':
      unit = 1;
      break;
    case 'm':
      unit = 60;
      break;
    case 'h':
      unit = 3600;
      break;
    case 'd':
      unit = 86400;
      break;
    default:
      return std::nullopt;
  }
  std::int64_t value = 0;
  for (char c : text.substr(0, text.size() - 1)) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value * unit;
}

}  // namespace brobyg
