#include <gtest/gtest.h>

#include "util/Duration.h"

TEST(Duration, WholeNumbersWithAUnit) {
  EXPECT_EQ(brobyg::parseDuration("30s"), 30);
  EXPECT_EQ(brobyg::parseDuration("15m"), 900);
  EXPECT_EQ(brobyg::parseDuration("6h"), 21600);
  EXPECT_EQ(brobyg::parseDuration("90d"), 90 * 86400);
  EXPECT_EQ(brobyg::parseDuration("0s"), 0);
  for (const char* bad : {"", "s", "10", "1.5h", "-1d", "daily", "10w", "1 d", "99999999999d"})
    EXPECT_FALSE(brobyg::parseDuration(bad).has_value()) << bad;
}
