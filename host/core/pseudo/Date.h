#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace brobyg::pseudo {

// A calendar date (proleptic Gregorian), compared field by field.
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  auto operator<=>(const Date&) const = default;
};

bool isLeapYear(int year);
// 0 for a month outside 1..12.
int daysInMonth(int year, int month);
bool isValidDate(int year, int month, int day);

// Strict "yyyy-mm-dd"; empty for anything else, including impossible dates.
std::optional<Date> parseIsoDate(std::string_view text);
std::string toIsoString(const Date& date);

// Today's date in the machine's local time zone (the municipality's calendar day).
Date localToday();

}  // namespace brobyg::pseudo
