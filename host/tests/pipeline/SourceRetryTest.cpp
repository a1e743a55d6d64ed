#include <gtest/gtest.h>

#include "pipeline/SourceRetry.h"

using brobyg::pipeline::SourceRetry;

TEST(SourceRetry, OneMinuteDoublingCappedAtTheSchedule) {
  EXPECT_EQ(SourceRetry::delay(1, 86400), 60);
  EXPECT_EQ(SourceRetry::delay(2, 86400), 120);
  EXPECT_EQ(SourceRetry::delay(3, 86400), 240);
  EXPECT_EQ(SourceRetry::delay(7, 86400), 3840);
  EXPECT_EQ(SourceRetry::delay(20, 86400), 86400);
  EXPECT_EQ(SourceRetry::delay(1000, 86400), 86400) << "no overflow";
  EXPECT_EQ(SourceRetry::delay(3, 90), 90) << "never later than the schedule";
  EXPECT_EQ(SourceRetry::delay(30, 0), SourceRetry::kUnscheduledCapSeconds);
}

TEST(SourceRetry, AnswersInARowBackOffAndAnyOtherOutcomeEndsTheWait) {
  SourceRetry retry;
  EXPECT_FALSE(retry.retryAt("job"));
  EXPECT_EQ(retry.notReady("job", 1000, 86400), 1060);
  EXPECT_EQ(retry.notReady("job", 1060, 86400), 1180);
  EXPECT_EQ(retry.retryAt("job"), std::optional<std::int64_t>(1180));
  EXPECT_FALSE(retry.retryAt("other"));
  retry.settled("job");
  EXPECT_FALSE(retry.retryAt("job"));
  EXPECT_EQ(retry.notReady("job", 5000, 86400), 5060) << "a new series starts at one minute";
}
