#include "pseudo/Date.h"

#include <cstdio>
#include <ctime>

namespace brobyg::pseudo {

bool isLeapYear(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int daysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && isLeapYear(year)) return 29;
  return kDays[month - 1];
}

bool isValidDate(int year, int month, int day) {
  return day >= 1 && day <= daysInMonth(year, month);
}

namespace {
bool readNumber(std::string_view text, std::size_t from, std::size_t count, int& out) {
  int value = 0;
  for (std::size_t i = from; i < from + count; ++i) {
    char c = text[i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  return true;
}
}  // namespace

std::optional<Date> parseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  Date date;
  if (!readNumber(text, 0, 4, date.year) || !readNumber(text, 5, 2, date.month) ||
      !readNumber(text, 8, 2, date.day)) {
    return std::nullopt;
  }
  if (!isValidDate(date.year, date.month, date.day)) return std::nullopt;
  return date;
}

std::string toIsoString(const Date& date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer;
}

Date localToday() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
#ifdef _WIN32
  localtime_s(&local, &now);
#else
  localtime_r(&now, &local);
#endif
  return Date{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

}  // namespace brobyg::pseudo
