// The school calendar against the naive one (NaiveCalendar.h): every count over many ranges,
// including ranges that start or end on holidays, across the summer between two school years
// and outside every school year.
#include "calendar/SchoolCalendar.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>

#include "NaiveCalendar.h"

namespace brobyg::calendar {
namespace {

using test::dayNumber;
using test::NaiveCalendar;
using test::ymd;

DayRange range(std::chrono::year_month_day from, std::chrono::year_month_day to) {
  return {dayNumber(from), dayNumber(to)};
}

// Two school years of a synthetic municipality, with the holidays most Danish schools have
// (autumn week 42, Christmas, winter week 7, Easter, the days around Kristi himmelfart) and
// Grundlovsdag as a closing day. Filled into both the product's spec and the naive calendar.
struct TwoYears {
  SchoolCalendarSpec spec;
  NaiveCalendar naive;

  TwoYears() {
    spec.municipality = "101";
    year(ymd(2025, 8, 11), ymd(2026, 6, 26));
    year(ymd(2026, 8, 10), ymd(2027, 6, 25));
    holiday(ymd(2025, 10, 13), ymd(2025, 10, 17));
    holiday(ymd(2025, 12, 22), ymd(2026, 1, 2));
    holiday(ymd(2026, 2, 9), ymd(2026, 2, 13));
    holiday(ymd(2026, 3, 30), ymd(2026, 4, 6));
    holiday(ymd(2026, 5, 15), ymd(2026, 5, 15));
    holiday(ymd(2026, 10, 12), ymd(2026, 10, 16));
    holiday(ymd(2026, 12, 21), ymd(2027, 1, 1));
    closing(ymd(2026, 6, 5));
    closing(ymd(2027, 6, 4));
    // The public holidays, written out by hand for the naive side.
    for (auto d :
         {ymd(2025, 12, 25), ymd(2025, 12, 26), ymd(2026, 1, 1), ymd(2026, 4, 2), ymd(2026, 4, 3),
          ymd(2026, 4, 6), ymd(2026, 5, 14), ymd(2026, 5, 25), ymd(2026, 12, 25), ymd(2027, 1, 1),
          ymd(2027, 3, 25), ymd(2027, 3, 26), ymd(2027, 3, 29), ymd(2027, 5, 6), ymd(2027, 5, 17)})
      naive.close(d, d);
  }
  void year(std::chrono::year_month_day from, std::chrono::year_month_day to) {
    spec.schoolYears.push_back(range(from, to));
    naive.years.emplace_back(from, to);
  }
  void holiday(std::chrono::year_month_day from, std::chrono::year_month_day to) {
    spec.holidays.push_back(range(from, to));
    naive.close(from, to);
  }
  void closing(std::chrono::year_month_day day) {
    spec.closingDays.push_back(dayNumber(day));
    naive.close(day, day);
  }
};

TEST(SchoolCalendar, SchoolYearHasTheDaysTheNaiveCountFinds) {
  TwoYears fixture;
  const SchoolCalendar calendar(fixture.spec);
  const DayRange year = range(ymd(2025, 8, 11), ymd(2026, 6, 26));
  EXPECT_EQ(calendar.schoolDays(year), fixture.naive.count(year.first, year.last));
  // By hand: 46 weeks of weekdays (230), less autumn 5, Christmas 10, winter 5, Easter 6, the
  // Friday after Kristi himmelfart 1, Kristi himmelfartsdag 1, 2. pinsedag 1, Grundlovsdag 1.
  EXPECT_EQ(calendar.schoolDays(year), 200);
}

TEST(SchoolCalendar, EveryRangeAgreesWithTheNaiveCount) {
  TwoYears fixture;
  const SchoolCalendar calendar(fixture.spec);
  const std::int64_t from = dayNumber(ymd(2025, 7, 1)), to = dayNumber(ymd(2027, 8, 31));
  std::mt19937 random(20261202);
  std::uniform_int_distribution<std::int64_t> pick(from, to);
  for (int i = 0; i < 3000; ++i) {
    std::int64_t a = pick(random), b = pick(random);
    if (a > b) std::swap(a, b);
    ASSERT_EQ(calendar.schoolDays({a, b}), fixture.naive.count(a, b)) << a << ".." << b;
  }
  for (std::int64_t d = from; d <= to; ++d)
    ASSERT_EQ(calendar.isSchoolDay(d), fixture.naive.count(d, d) == 1) << d;
}

TEST(SchoolCalendar, QuartersAndTheSummerBetweenTwoYears) {
  TwoYears fixture;
  const SchoolCalendar calendar(fixture.spec);
  const DayRange q3 = range(ymd(2026, 7, 1), ymd(2026, 9, 30));
  EXPECT_EQ(calendar.schoolDays(q3), fixture.naive.count(q3.first, q3.last));
  EXPECT_EQ(calendar.schoolDays(range(ymd(2026, 6, 27), ymd(2026, 8, 9))), 0);
  EXPECT_EQ(calendar.schoolDays(range(ymd(2024, 1, 1), ymd(2024, 12, 31))), 0);
  EXPECT_EQ(calendar.schoolDays(range(ymd(2030, 1, 1), ymd(2030, 12, 31))), 0);
  EXPECT_EQ(calendar.schoolDays({5, 4}), 0) << "an empty range";
  EXPECT_FALSE(calendar.schoolYearOf(dayNumber(ymd(2026, 7, 15))));
  EXPECT_EQ(calendar.schoolYearOf(dayNumber(ymd(2026, 9, 1)))->first, dayNumber(ymd(2026, 8, 10)));
}

TEST(SchoolCalendar, PublicHolidaysCanBeLeftToTheConfiguration) {
  TwoYears fixture;
  fixture.spec.danishPublicHolidays = false;
  const SchoolCalendar calendar(fixture.spec);
  // Kristi himmelfartsdag 2026 (Thursday 14 May) is then a school day.
  EXPECT_TRUE(calendar.isSchoolDay(dayNumber(ymd(2026, 5, 14))));
}

TEST(SchoolCalendar, PlannedLessonsFollowTheWeekdayPlanPerGrade) {
  TwoYears fixture;
  fixture.spec.lessons.push_back({0, 3, {5, 5, 6, 5, 4}});
  fixture.spec.lessons.push_back({4, 9, {7, 7, 7, 7, 6}});
  const SchoolCalendar calendar(fixture.spec);
  const std::int64_t from = dayNumber(ymd(2025, 8, 1)), to = dayNumber(ymd(2027, 7, 31));
  std::mt19937 random(15);
  std::uniform_int_distribution<std::int64_t> pick(from, to);
  const int low[5] = {5, 5, 6, 5, 4}, high[5] = {7, 7, 7, 7, 6};
  for (int i = 0; i < 500; ++i) {
    std::int64_t a = pick(random), b = pick(random);
    if (a > b) std::swap(a, b);
    ASSERT_EQ(calendar.plannedLessons({a, b}, 2), fixture.naive.count(a, b, low));
    ASSERT_EQ(calendar.plannedLessons({a, b}, 7), fixture.naive.count(a, b, high));
  }
  EXPECT_FALSE(calendar.plannedLessons({from, to}, 10)) << "no plan covers grade 10";
}

TEST(SchoolCalendar, NoSchoolYearsMeansNoSchoolDays) {
  const SchoolCalendar calendar(SchoolCalendarSpec{});
  EXPECT_EQ(calendar.schoolDays({0, 100000}), 0);
  EXPECT_FALSE(calendar.isSchoolDay(20000));
}

}  // namespace
}  // namespace brobyg::calendar
