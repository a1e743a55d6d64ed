#include "calendar/DanishHolidays.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "NaiveCalendar.h"

namespace brobyg::calendar {
namespace {

using test::dayNumber;
using test::ymd;

// Easter Sundays as the almanac prints them, including the earliest (22 March) and latest
// (25 April) dates the Gregorian rule allows.
TEST(DanishHolidays, EasterSundayMatchesTheAlmanac) {
  const std::vector<std::chrono::year_month_day> almanac = {
      ymd(2019, 4, 21), ymd(2020, 4, 12), ymd(2021, 4, 4),  ymd(2022, 4, 17),
      ymd(2023, 4, 9),  ymd(2024, 3, 31), ymd(2025, 4, 20), ymd(2026, 4, 5),
      ymd(2027, 3, 28), ymd(2028, 4, 16), ymd(2029, 4, 1),  ymd(2030, 4, 21),
      ymd(2038, 4, 25), ymd(2285, 3, 22), ymd(2000, 4, 23), ymd(1818, 3, 22)};
  for (const auto& date : almanac)
    EXPECT_EQ(easterSunday(static_cast<int>(date.year())), dayNumber(date))
        << static_cast<int>(date.year());
}

TEST(DanishHolidays, TwentyTwentySixInOrder) {
  const std::vector<Day> expected = {dayNumber(ymd(2026, 1, 1)),   dayNumber(ymd(2026, 4, 2)),
                                     dayNumber(ymd(2026, 4, 3)),   dayNumber(ymd(2026, 4, 5)),
                                     dayNumber(ymd(2026, 4, 6)),   dayNumber(ymd(2026, 5, 14)),
                                     dayNumber(ymd(2026, 5, 24)),  dayNumber(ymd(2026, 5, 25)),
                                     dayNumber(ymd(2026, 12, 25)), dayNumber(ymd(2026, 12, 26))};
  EXPECT_EQ(danishPublicHolidays(2026), expected);
}

TEST(DanishHolidays, StoreBededagUntil2023Only) {
  auto has = [](int year, std::chrono::year_month_day date) {
    const auto days = danishPublicHolidays(year);
    return std::find(days.begin(), days.end(), dayNumber(date)) != days.end();
  };
  EXPECT_TRUE(has(2023, ymd(2023, 5, 5)));
  EXPECT_EQ(danishPublicHolidays(2023).size(), 11u);
  EXPECT_FALSE(has(2024, ymd(2024, 4, 26)));
  EXPECT_EQ(danishPublicHolidays(2024).size(), 10u);
}

}  // namespace
}  // namespace brobyg::calendar
