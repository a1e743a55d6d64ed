#include "DateFormat.h"

#include <stdexcept>

namespace brobyg::files {
namespace {

bool startsWith(std::string_view text, size_t at, std::string_view prefix) {
  return text.substr(at, prefix.size()) == prefix;
}

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

void writeDigits(char* out, int value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

}  // namespace

DateFormat::DateFormat(std::string_view pattern) : pattern_(pattern) {
  int days = 0;
  int months = 0;
  int years = 0;
  for (size_t i = 0; i < pattern.size();) {
    if (startsWith(pattern, i, "yyyy")) {
      tokens_.push_back({Kind::Year4, 4, 4, 0}), i += 4, ++years;
    } else if (startsWith(pattern, i, "yy")) {
      tokens_.push_back({Kind::Year2, 2, 2, 0}), i += 2, ++years;
    } else if (startsWith(pattern, i, "dd")) {
      tokens_.push_back({Kind::Day, 2, 2, 0}), i += 2, ++days;
    } else if (startsWith(pattern, i, "mm")) {
      tokens_.push_back({Kind::Month, 2, 2, 0}), i += 2, ++months;
    } else if (pattern[i] == 'd') {
      tokens_.push_back({Kind::Day, 1, 2, 0}), i += 1, ++days;
    } else if (pattern[i] == 'm') {
      tokens_.push_back({Kind::Month, 1, 2, 0}), i += 1, ++months;
    } else if (pattern[i] == 'y') {
      throw std::invalid_argument("a year is written yyyy or yy");
    } else {
      tokens_.push_back({Kind::Literal, 0, 0, pattern[i]}), i += 1;
    }
  }
  if (days != 1 || months != 1 || years != 1)
    throw std::invalid_argument(
        "needs exactly one day (dd or d), month (mm or m) and year (yyyy or yy)");
  // Two adjacent variable-width numbers ("dm") could not be split reliably.
  for (size_t i = 1; i < tokens_.size(); ++i) {
    const Token& a = tokens_[i - 1];
    const Token& b = tokens_[i];
    if (a.kind != Kind::Literal && b.kind != Kind::Literal && a.minDigits != a.maxDigits)
      throw std::invalid_argument("d or m must be followed by a separator");
  }
}

bool DateFormat::parse(std::string_view text, char* iso) const {
  int day = 0;
  int month = 0;
  int year = 0;
  size_t at = 0;
  for (const Token& token : tokens_) {
    if (token.kind == Kind::Literal) {
      if (at >= text.size() || text[at] != token.literal) return false;
      ++at;
      continue;
    }
    int value = 0;
    size_t digits = 0;
    while (digits < token.maxDigits && at < text.size() && isDigit(text[at])) {
      value = value * 10 + (text[at] - '0');
      ++at, ++digits;
    }
    if (digits < token.minDigits) return false;
    switch (token.kind) {
      case Kind::Day:
        day = value;
        break;
      case Kind::Month:
        month = value;
        break;
      case Kind::Year4:
        year = value;
        break;
      case Kind::Year2:
        year = 2000 + value;
        break;
      case Kind::Literal:
        break;
    }
  }
  if (at != text.size() || !isValidDate(year, month, day)) return false;
  writeDigits(iso, year, 4);
  iso[4] = '-';
  writeDigits(iso + 5, month, 2);
  iso[7] = '-';
  writeDigits(iso + 8, day, 2);
  return true;
}

bool DateFormat::isValidDate(int year, int month, int day) {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int last = month == 2 && leap ? 29 : kDays[month - 1];
  return day <= last;
}

bool DateFormat::isIsoDate(std::string_view text) {
  static const DateFormat iso("yyyy-mm-dd");
  char out[10];
  return iso.parse(text, out);
}

}  // namespace brobyg::files
