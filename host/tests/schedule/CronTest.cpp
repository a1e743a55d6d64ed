#include <gtest/gtest.h>

#include "ScheduleTestSupport.h"
#include "schedule/CronExpression.h"
#include "schedule/Schedule.h"
#include "schedule/ZoneDatabase.h"
#include "util/Error.h"

namespace brobyg::schedule {
namespace {

using test::utc;

const TimeZone& copenhagen() {
  static const auto zone = loadTimeZone("Europe/Copenhagen");
  return *zone;
}

std::int64_t next(const std::string& expression, std::int64_t after) {
  auto at = CronExpression::parse(expression).nextAfter(after, copenhagen());
  EXPECT_TRUE(at.has_value()) << expression;
  return at.value_or(0);
}

std::string errorOf(const std::string& expression) {
  try {
    CronExpression::parse(expression);
  } catch (const Error& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(Cron, EveryFiveMinutes) {
  EXPECT_EQ(next("*/5 * * * *", utc(2026, 6, 1, 10, 2)), utc(2026, 6, 1, 10, 5));
  EXPECT_EQ(next("*/5 * * * *", utc(2026, 6, 1, 10, 5)), utc(2026, 6, 1, 10, 10));
  EXPECT_EQ(next("*/5 * * * *", utc(2026, 12, 31, 22, 59)), utc(2026, 12, 31, 23, 0))
      << "across midnight and the new year (local)";
}

TEST(Cron, NightlyInCopenhagenTime) {
  // 02:15 local: 01:15 UTC in winter (CET), 00:15 UTC in summer (CEST).
  EXPECT_EQ(next("15 2 * * *", utc(2026, 1, 10, 12, 0)), utc(2026, 1, 11, 1, 15));
  EXPECT_EQ(next("15 2 * * *", utc(2026, 7, 10, 12, 0)), utc(2026, 7, 11, 0, 15));
}

TEST(Cron, MonthEnds) {
  // The 31st skips the months without one; the 30th skips February.
  EXPECT_EQ(next("0 12 31 * *", utc(2026, 1, 31, 11, 0)), utc(2026, 3, 31, 10, 0));
  EXPECT_EQ(next("0 12 31 * *", utc(2026, 3, 31, 10, 0)), utc(2026, 5, 31, 10, 0));
  EXPECT_EQ(next("0 6 30 * *", utc(2026, 1, 30, 5, 0)), utc(2026, 3, 30, 4, 0));
  EXPECT_EQ(next("59 23 * * *", utc(2026, 4, 30, 12, 0)), utc(2026, 4, 30, 21, 59));
}

TEST(Cron, TwentyNinthOfFebruary) {
  EXPECT_EQ(next("0 0 29 2 *", utc(2026, 1, 1)), utc(2028, 2, 28, 23, 0));
  EXPECT_EQ(next("0 0 29 2 *", utc(2028, 2, 28, 23, 0)), utc(2032, 2, 28, 23, 0));
  // 2100 is not a leap year: 2096, then 2104.
  EXPECT_EQ(next("0 0 29 feb *", utc(2096, 3, 1)), utc(2104, 2, 28, 23, 0));
}

TEST(Cron, DayOfMonthAndDayOfWeekTogetherMeanEither) {
  // The 13th or a Friday. April 2026: Friday 3, 10, 17; the 13th is a Monday.
  EXPECT_EQ(next("0 8 13 * fri", utc(2026, 4, 3, 6, 0)), utc(2026, 4, 10, 6, 0));
  EXPECT_EQ(next("0 8 13 * fri", utc(2026, 4, 10, 6, 0)), utc(2026, 4, 13, 6, 0));
  EXPECT_EQ(next("0 8 13 * 5", utc(2026, 4, 13, 6, 0)), utc(2026, 4, 17, 6, 0));
  // A `*`-field is no restriction: then both must match (Mondays only; 1st-7th Mondays).
  EXPECT_EQ(next("0 8 * * mon", utc(2026, 4, 10, 6, 0)), utc(2026, 4, 13, 6, 0));
  EXPECT_EQ(next("0 8 */7 * mon", utc(2026, 4, 1)), utc(2026, 6, 1, 6, 0))
      << "with a step on `*` both must match: the next Monday on a 1st, 8th, 15th, 22nd or 29th";
}

TEST(Cron, ListsRangesNamesAndSunday) {
  EXPECT_EQ(next("30 7 * * mon-fri", utc(2026, 4, 10, 6, 0)), utc(2026, 4, 13, 5, 30));
  EXPECT_EQ(next("0 0 * * 7", utc(2026, 4, 10)), utc(2026, 4, 11, 22, 0)) << "7 is Sunday";
  EXPECT_EQ(next("0 0 * * SUN", utc(2026, 4, 10)), utc(2026, 4, 11, 22, 0));
  EXPECT_EQ(next("0 9,17 * jan,jul *", utc(2026, 1, 31, 20, 0)), utc(2026, 7, 1, 7, 0));
  EXPECT_EQ(next("10-20/5 * * * *", utc(2026, 1, 1, 0, 16)), utc(2026, 1, 1, 0, 20));
  EXPECT_EQ(next("@daily", utc(2026, 1, 1, 12, 0)), utc(2026, 1, 1, 23, 0));
}

TEST(Cron, ErrorsNameTheField) {
  EXPECT_EQ(errorOf("61 * * * *"), "schedule \"61 * * * *\": minute 61 is out of range 0-59");
  EXPECT_EQ(errorOf("0 24 * * *"), "schedule \"0 24 * * *\": hour 24 is out of range 0-23");
  EXPECT_EQ(errorOf("0 0 0 * *"), "schedule \"0 0 0 * *\": day-of-month 0 is out of range 1-31");
  EXPECT_EQ(errorOf("0 0 * 13 *"), "schedule \"0 0 * 13 *\": month 13 is out of range 1-12");
  EXPECT_EQ(errorOf("0 0 * * 8"), "schedule \"0 0 * * 8\": day-of-week 8 is out of range 0-7");
  EXPECT_EQ(errorOf("0 0 * * funday"),
            "schedule \"0 0 * * funday\": day-of-week 'funday' is not a number or a name");
  EXPECT_EQ(errorOf("0 x * * *"), "schedule \"0 x * * *\": hour 'x' is not a number");
  EXPECT_EQ(errorOf("5 4 * *"),
            "schedule \"5 4 * *\": needs five fields (minute hour day-of-month month "
            "day-of-week), found 4");
  EXPECT_EQ(errorOf("*/0 * * * *"), "schedule \"*/0 * * * *\": minute step 0 is out of range 1-59");
  EXPECT_EQ(errorOf("30-10 * * * *"),
            "schedule \"30-10 * * * *\": minute range 30-10 is backwards");
  EXPECT_EQ(errorOf("0 0 31 2 *"),
            "schedule \"0 0 31 2 *\": day-of-month never falls in the months given");
  EXPECT_EQ(errorOf("0 0 1, * *"), "schedule \"0 0 1, * *\": day-of-month has an empty value");
  EXPECT_EQ(errorOf("@often"),
            "schedule \"@often\": unknown shorthand (use @hourly, @daily, @weekly, @monthly or "
            "@yearly)");
}

TEST(Schedule, IntervalsStayValid) {
  Schedule daily = Schedule::parse("1d", "");
  EXPECT_TRUE(daily.interval());
  EXPECT_EQ(daily.nextAfter(1000), 1000 + 86400);
  EXPECT_EQ(Schedule::parse("6h", "").nextAfter(0), 6 * 3600);
  Schedule cron = Schedule::parse("15 2 * * *", "UTC");
  EXPECT_FALSE(cron.interval());
  EXPECT_EQ(cron.nextAfter(utc(2026, 7, 10, 12, 0)), utc(2026, 7, 11, 2, 15)) << "in UTC";
  EXPECT_THROW(Schedule::parse("15 2 * * *", "Europe/Nowhere"), Error);
  EXPECT_THROW(Schedule::parse("15 2 * * *", "../etc/passwd"), Error);
}

}  // namespace
}  // namespace brobyg::schedule
