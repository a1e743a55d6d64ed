#include "schedule/PosixTzRule.h"

#include <cctype>

#include "schedule/CivilTime.h"
#include "util/Error.h"

namespace brobyg::schedule {

// A small recursive-descent reader of the TZ grammar; every step checks the bounds.
class PosixTzParser {
 public:
  explicit PosixTzParser(std::string_view text) : s_(text) {}

  PosixTzRule parse() {
    PosixTzRule rule;
    name();
    rule.std_ = -offset(24);  // POSIX counts west of UTC
    if (atEnd()) return rule;
    name();
    rule.hasDst_ = true;
    rule.dst_ = rule.std_ + 3600;
    if (!atEnd() && peek() != ',') rule.dst_ = -offset(24);
    if (atEnd()) fail("daylight saving time without change dates");
    expect(',');
    rule.start_ = date();
    expect(',');
    rule.end_ = date();
    if (!atEnd()) fail("unexpected text after the rule");
    return rule;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw Error("time zone rule: " + why + " (at character " + std::to_string(pos_ + 1) + ")");
  }
  bool atEnd() const { return pos_ >= s_.size(); }
  char peek() const { return atEnd() ? '\0' : s_[pos_]; }
  void expect(char c) {
    if (peek() != c) fail(std::string("'") + c + "' expected");
    ++pos_;
  }

  // Three or more letters, or <...> with letters, digits, '+' and '-'.
  void name() {
    std::size_t length = 0;
    if (peek() == '<') {
      ++pos_;
      while (!atEnd() && peek() != '>') {
        const char c = peek();
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-')
          fail("bad character in a zone abbreviation");
        ++pos_;
        ++length;
      }
      expect('>');
    } else {
      while (!atEnd() && std::isalpha(static_cast<unsigned char>(peek()))) {
        ++pos_;
        ++length;
      }
    }
    if (length < 3) fail("a zone abbreviation needs at least three characters");
  }

  int number(int max) {
    if (!std::isdigit(static_cast<unsigned char>(peek()))) fail("a number expected");
    int value = 0;
    while (std::isdigit(static_cast<unsigned char>(peek()))) {
      value = value * 10 + (peek() - '0');
      if (value > max) fail("number out of range");
      ++pos_;
    }
    return value;
  }

  // [+-]hh[:mm[:ss]] in seconds.
  int offset(int maxHours) {
    int sign = 1;
    if (peek() == '+' || peek() == '-') {
      sign = peek() == '-' ? -1 : 1;
      ++pos_;
    }
    int seconds = number(maxHours) * 3600;
    if (peek() == ':') {
      ++pos_;
      seconds += number(59) * 60;
      if (peek() == ':') {
        ++pos_;
        seconds += number(59);
      }
    }
    return sign * seconds;
  }

  PosixTzRule::ChangeDate date() {
    PosixTzRule::ChangeDate d;
    using Kind = PosixTzRule::ChangeDate::Kind;
    if (peek() == 'M') {
      ++pos_;
      d.kind = Kind::MonthWeekDay;
      d.month = number(12);
      expect('.');
      d.week = number(5);
      expect('.');
      d.weekday = number(6);
      if (d.month < 1 || d.week < 1) fail("month and week count from 1");
    } else if (peek() == 'J') {
      ++pos_;
      d.kind = Kind::JulianNoLeap;
      d.day = number(365);
      if (d.day < 1) fail("Jn counts from 1");
    } else {
      d.kind = Kind::ZeroBasedDay;
      d.day = number(365);
    }
    if (peek() == '/') {
      ++pos_;
      d.time = offset(167);  // RFC 8536 §3.3.1: -167..167 hours
    }
    return d;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

PosixTzRule PosixTzRule::parse(std::string_view text) {
  if (text.size() > 256) throw Error("time zone rule: longer than 256 characters");
  return PosixTzParser(text).parse();
}

std::int64_t PosixTzRule::changeInstant(const ChangeDate& date, int year, int offsetBefore) {
  const std::int64_t jan1 = daysFromCivil(year, 1, 1);
  const bool leap = daysInMonth(year, 2) == 29;
  std::int64_t days = 0;
  switch (date.kind) {
    case ChangeDate::Kind::JulianNoLeap:
      days = jan1 + date.day - 1 + (leap && date.day >= 60 ? 1 : 0);
      break;
    case ChangeDate::Kind::ZeroBasedDay:
      days = jan1 + date.day;
      break;
    case ChangeDate::Kind::MonthWeekDay: {
      const std::int64_t first = daysFromCivil(year, date.month, 1);
      int day = 1 + (date.weekday - weekdayFromDays(first) + 7) % 7 + (date.week - 1) * 7;
      while (day > daysInMonth(year, date.month)) day -= 7;  // week 5: the last one
      days = first + day - 1;
      break;
    }
  }
  return days * 86400 + date.time - offsetBefore;
}

int PosixTzRule::offsetAt(std::int64_t utc) const {
  if (!hasDst_) return std_;
  const int year = fromNaiveSeconds(utc + std_).year;
  const std::int64_t start = changeInstant(start_, year, std_);
  const std::int64_t end = changeInstant(end_, year, dst_);
  const bool dst = start < end ? (utc >= start && utc < end) : !(utc >= end && utc < start);
  return dst ? dst_ : std_;
}

}  // namespace brobyg::schedule
