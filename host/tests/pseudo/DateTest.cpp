#include "pseudo/Date.h"

#include <gtest/gtest.h>

namespace brobyg::pseudo {
namespace {

TEST(Date, LeapYears) {
  EXPECT_TRUE(isLeapYear(2000));
  EXPECT_TRUE(isLeapYear(2024));
  EXPECT_FALSE(isLeapYear(1900));
  EXPECT_FALSE(isLeapYear(2023));
  EXPECT_EQ(daysInMonth(2024, 2), 29);
  EXPECT_EQ(daysInMonth(1900, 2), 28);
  EXPECT_EQ(daysInMonth(2024, 13), 0);
}

TEST(Date, ParsesStrictIso) {
  auto date = parseIsoDate("2024-02-29");
  ASSERT_TRUE(date.has_value());
  EXPECT_EQ(*date, (Date{2024, 2, 29}));
  EXPECT_FALSE(parseIsoDate("2023-02-29"));
  EXPECT_FALSE(parseIsoDate("2024-2-29"));
  EXPECT_FALSE(parseIsoDate("2024/02/29"));
  EXPECT_FALSE(parseIsoDate("2024-13-01"));
  EXPECT_FALSE(parseIsoDate("2024-01-00"));
  EXPECT_FALSE(parseIsoDate("20x4-01-01"));
  EXPECT_FALSE(parseIsoDate(""));
}

TEST(Date, OrdersAndFormats) {
  EXPECT_LT((Date{2024, 12, 31}), (Date{2025, 1, 1}));
  EXPECT_LT((Date{2025, 1, 31}), (Date{2025, 2, 1}));
  EXPECT_EQ(toIsoString(Date{987, 3, 4}), "0987-03-04");
  auto today = localToday();
  EXPECT_TRUE(isValidDate(today.year, today.month, today.day));
  EXPECT_GE(today.year, 2024);
}

}  // namespace
}  // namespace brobyg::pseudo
