// Europe/Copenhagen in 2026: summer time from Sunday 29 March 01:00 UTC (02:00 CET becomes
// 03:00 CEST) to Sunday 25 October 01:00 UTC (03:00 CEST becomes 02:00 CET).
#include <gtest/gtest.h>

#include <vector>

#include "ScheduleTestSupport.h"
#include "schedule/CronExpression.h"
#include "schedule/ZoneDatabase.h"

namespace brobyg::schedule {
namespace {

using test::utc;

// The fire times of `expression` in Copenhagen in [from, to).
std::vector<std::int64_t> fires(const std::string& expression, std::int64_t from, std::int64_t to) {
  static const auto zone = loadTimeZone("Europe/Copenhagen");
  const CronExpression cron = CronExpression::parse(expression);
  std::vector<std::int64_t> out;
  for (auto at = cron.nextAfter(from - 1, *zone); at && *at < to; at = cron.nextAfter(*at, *zone))
    out.push_back(*at);
  return out;
}

TEST(DaylightSaving, MarchNightRunsTheMissingHalfPastTwoOnceAtThree) {
  // 02:30 does not exist on 29 March: the job runs once, at 03:00 CEST (01:00 UTC).
  EXPECT_EQ(fires("30 2 * * *", utc(2026, 3, 27), utc(2026, 3, 31)),
            (std::vector<std::int64_t>{utc(2026, 3, 27, 1, 30), utc(2026, 3, 28, 1, 30),
                                       utc(2026, 3, 29, 1, 0), utc(2026, 3, 30, 0, 30)}));
}

TEST(DaylightSaving, OctoberNightRunsTheTwiceExistingHalfPastTwoOnce) {
  // 02:30 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET): one run, the first.
  EXPECT_EQ(fires("30 2 * * *", utc(2026, 10, 24), utc(2026, 10, 27)),
            (std::vector<std::int64_t>{utc(2026, 10, 24, 0, 30), utc(2026, 10, 25, 0, 30),
                                       utc(2026, 10, 26, 1, 30)}));
}

TEST(DaylightSaving, EveryFiveMinutesKeepsItsPaceThroughBothChanges) {
  // Real time goes on at 5-minute steps: in March the hour 02:00-02:59 does not exist, in
  // October it is lived twice and `*` hours run in both.
  std::vector<std::int64_t> expected;
  for (std::int64_t t = utc(2026, 3, 29, 0, 30); t < utc(2026, 3, 29, 1, 30); t += 300)
    expected.push_back(t);
  EXPECT_EQ(fires("*/5 * * * *", utc(2026, 3, 29, 0, 30), utc(2026, 3, 29, 1, 30)), expected);
  expected.clear();
  for (std::int64_t t = utc(2026, 10, 24, 23, 30); t < utc(2026, 10, 25, 2, 0); t += 300)
    expected.push_back(t);
  EXPECT_EQ(fires("*/5 * * * *", utc(2026, 10, 24, 23, 30), utc(2026, 10, 25, 2, 0)), expected);
}

TEST(DaylightSaving, EveryMinuteOfTheMissingHourCollapsesIntoOneRun) {
  // "* 2 * * *": every minute of 02:xx, which does not exist in March: one run at 03:00.
  EXPECT_EQ(fires("* 2 * * *", utc(2026, 3, 29, 0, 0), utc(2026, 3, 29, 3, 0)),
            (std::vector<std::int64_t>{utc(2026, 3, 29, 1, 0)}));
  // In October each minute of 02:xx runs once (the first 02:xx, CEST), not twice.
  EXPECT_EQ(fires("* 2 * * *", utc(2026, 10, 25, 0, 0), utc(2026, 10, 25, 3, 0)).size(), 60u);
}

}  // namespace
}  // namespace brobyg::schedule
