// Int and duration settings are bounded by the range in their plugin's settings table.
#include <gtest/gtest.h>

#include "plugin/SettingsValidator.h"

using brobyg::plugin::describeRange;
using brobyg::plugin::settingRange;
using brobyg::plugin::valueProblem;

namespace {
brobyg_setting_def def(uint32_t type, const char* range) {
  return {"n", type, 0, nullptr, range, "a number"};
}
}  // namespace

TEST(SettingsRange, WholeNumbersOutsideTheRangeAreRefusedNamingIt) {
  auto skip = def(BROBYG_SETTING_INT, "0..1000000");
  EXPECT_EQ(valueProblem(skip, "0"), "");
  EXPECT_EQ(valueProblem(skip, "1000000"), "");
  EXPECT_EQ(valueProblem(skip, "1000001"), "expected a whole number from 0 to 1000000");
  EXPECT_EQ(valueProblem(skip, "-1"), "expected a whole number from 0 to 1000000");
  EXPECT_EQ(valueProblem(skip, "2147483648"), "expected a whole number from 0 to 1000000");
  EXPECT_EQ(valueProblem(skip, "12x"), "expected a whole number");
  auto signedRange = def(BROBYG_SETTING_INT, "-5..5");
  EXPECT_EQ(valueProblem(signedRange, "-5"), "");
  EXPECT_NE(valueProblem(signedRange, "-6"), "");
}

TEST(SettingsRange, DurationsMayHaveARangeInDurations) {
  auto age = def(BROBYG_SETTING_DURATION, "0s..1d");
  EXPECT_EQ(valueProblem(age, "2h"), "");
  EXPECT_EQ(valueProblem(age, "86400s"), "");
  EXPECT_EQ(valueProblem(age, "2d"), "expected a duration from 0s to 1d");
  EXPECT_EQ(valueProblem(def(BROBYG_SETTING_DURATION, nullptr), "999999999d"), "");
  EXPECT_NE(valueProblem(def(BROBYG_SETTING_DURATION, nullptr), "9999999999d"), "");
}

TEST(SettingsRange, UnreadableRangesAcceptNothingAndMissingOnesNothingIsBounded) {
  for (const char* broken : {"1..", "..5", "5..1", "a..b", "0-10"}) {
    auto d = def(BROBYG_SETTING_INT, broken);
    EXPECT_FALSE(settingRange(d).has_value()) << broken;
    EXPECT_NE(valueProblem(d, "3"), "") << broken;
  }
  EXPECT_EQ(valueProblem(def(BROBYG_SETTING_INT, nullptr), "2147483648"), "");
  EXPECT_EQ(describeRange(def(BROBYG_SETTING_INT, "64..67108864")), "from 64 to 67108864");
}
