#pragma once

#include <cstdint>

namespace brobyg::schedule {

// A calendar date and wall-clock time without a zone (proleptic Gregorian calendar).
struct CivilTime {
  int year = 1970;
  int month = 1;  // 1-12
  int day = 1;    // 1-31
  int hour = 0;
  int minute = 0;
  int second = 0;
};

// Days since 1970-01-01 of a date, and back (H. Hinnant's algorithms: exact for every year
// an int64 of seconds can hold).
std::int64_t daysFromCivil(int year, int month, int day);
CivilTime civilFromDays(std::int64_t days);
// 0 = Sunday ... 6 = Saturday, as cron counts.
int weekdayFromDays(std::int64_t days);
int daysInMonth(int year, int month);

// A wall-clock time read as if it were UTC: "naive" seconds since the epoch. Local time is
// naive(instant) = instant + offset.
std::int64_t toNaiveSeconds(const CivilTime& t);
CivilTime fromNaiveSeconds(std::int64_t seconds);

}  // namespace brobyg::schedule
