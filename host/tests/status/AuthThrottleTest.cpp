// The admin token's guessing brake: a burst of wrong tokens, then one attempt per refill.
#include <gtest/gtest.h>

#include "AuthThrottle.h"

using brobyg::daemon::AuthThrottle;

TEST(AuthThrottle, ABurstOfWrongTokensThenOneAttemptPerRefill) {
  AuthThrottle throttle;
  const std::int64_t t0 = 1'000'000;
  for (int i = 1; i < AuthThrottle::kBurst; ++i) {
    EXPECT_EQ(throttle.waitSeconds(t0), 0) << i;
    EXPECT_FALSE(throttle.failed(t0)) << i;
  }
  EXPECT_TRUE(throttle.failed(t0)) << "the last attempt of the burst starts the brake, once";
  EXPECT_EQ(throttle.waitSeconds(t0), AuthThrottle::kRefillSeconds);
  EXPECT_EQ(throttle.waitSeconds(t0 + 4), AuthThrottle::kRefillSeconds - 4);
  EXPECT_FALSE(throttle.failed(t0 + 1)) << "refused requests are not compared, so not counted";

  const std::int64_t t1 = t0 + AuthThrottle::kRefillSeconds;
  EXPECT_EQ(throttle.waitSeconds(t1), 0) << "one attempt came back";
  EXPECT_TRUE(throttle.failed(t1)) << "and a wrong token spends it: the brake is on again";
  EXPECT_EQ(throttle.waitSeconds(t1 + 1), AuthThrottle::kRefillSeconds - 1);
}

TEST(AuthThrottle, AttemptsComeBackUpToTheBurstAndNoFurther) {
  AuthThrottle throttle;
  const std::int64_t t0 = 5000;
  for (int i = 0; i < AuthThrottle::kBurst; ++i) throttle.failed(t0);
  ASSERT_GT(throttle.waitSeconds(t0), 0);
  // A day later the count is full again, but not more than full.
  const std::int64_t later = t0 + 86400;
  int allowed = 0;
  while (throttle.waitSeconds(later) == 0 && allowed <= AuthThrottle::kBurst) {
    throttle.failed(later);
    ++allowed;
  }
  EXPECT_EQ(allowed, AuthThrottle::kBurst);
}

TEST(AuthThrottle, PartialRefillsKeepTheirRemainder) {
  AuthThrottle throttle;
  const std::int64_t t0 = 100;
  for (int i = 0; i < AuthThrottle::kBurst; ++i) throttle.failed(t0);
  // Two refills and a half: two attempts, and the third 3 s after the second refill's time.
  const std::int64_t t = t0 + 2 * AuthThrottle::kRefillSeconds + AuthThrottle::kRefillSeconds / 2;
  EXPECT_FALSE(throttle.failed(t));
  EXPECT_TRUE(throttle.failed(t));
  EXPECT_EQ(throttle.waitSeconds(t), t0 + 3 * AuthThrottle::kRefillSeconds - t);
}

TEST(AuthThrottle, AClockThatGoesBackNeitherRefillsNorBreaks) {
  AuthThrottle throttle;
  for (int i = 0; i < AuthThrottle::kBurst; ++i) throttle.failed(1000);
  EXPECT_GT(throttle.waitSeconds(900), 0);
  EXPECT_EQ(throttle.waitSeconds(1000 + AuthThrottle::kRefillSeconds), 0);
}
