#include "common/DateFormat.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace brobyg::files {
namespace {

std::string parse(const std::string& pattern, const std::string& text) {
  char iso[10];
  if (!DateFormat(pattern).parse(text, iso)) return "<no>";
  return std::string(iso, 10);
}

TEST(DateFormat, DanishAndIsoLayouts) {
  EXPECT_EQ(parse("dd-mm-yyyy", "07-03-2024"), "2024-03-07");
  EXPECT_EQ(parse("dd.mm.yyyy", "31.12.2023"), "2023-12-31");
  EXPECT_EQ(parse("yyyy-mm-dd", "2024-02-29"), "2024-02-29");
  EXPECT_EQ(parse("dd/mm/yy", "01/08/24"), "2024-08-01");
  EXPECT_EQ(parse("ddmmyyyy", "01082024"), "2024-08-01");
}

TEST(DateFormat, TwoDigitTokensNeedTwoDigits) {
  EXPECT_EQ(parse("dd-mm-yyyy", "7-3-2024"), "<no>");
  EXPECT_EQ(parse("d-m-yyyy", "7-3-2024"), "2024-03-07");
  EXPECT_EQ(parse("d-m-yyyy", "17-11-2024"), "2024-11-17");
  EXPECT_EQ(parse("d-m-yyyy", "117-11-2024"), "<no>");
}

TEST(DateFormat, RejectsImpossibleDatesAndExtraText) {
  EXPECT_EQ(parse("yyyy-mm-dd", "2023-02-29"), "<no>");
  EXPECT_EQ(parse("yyyy-mm-dd", "1900-02-29"), "<no>");
  EXPECT_EQ(parse("yyyy-mm-dd", "2000-02-29"), "2000-02-29");
  EXPECT_EQ(parse("yyyy-mm-dd", "2024-04-31"), "<no>");
  EXPECT_EQ(parse("yyyy-mm-dd", "2024-13-01"), "<no>");
  EXPECT_EQ(parse("yyyy-mm-dd", "2024-01-00"), "<no>");
  EXPECT_EQ(parse("yyyy-mm-dd", "2024-01-01 00:00"), "<no>");
  EXPECT_EQ(parse("yyyy-mm-dd", "2024/01/01"), "<no>");
  EXPECT_EQ(parse("yyyy-mm-dd", ""), "<no>");
}

TEST(DateFormat, RefusesAmbiguousPatterns) {
  EXPECT_THROW(DateFormat("dd-mm"), std::invalid_argument);
  EXPECT_THROW(DateFormat("dd-dd-yyyy"), std::invalid_argument);
  EXPECT_THROW(DateFormat("dmyyyy"), std::invalid_argument);
  EXPECT_THROW(DateFormat("dd-mm-yyy"), std::invalid_argument);
  EXPECT_NO_THROW(DateFormat("d.m.yy"));
}

TEST(DateFormat, IsoCheck) {
  EXPECT_TRUE(DateFormat::isIsoDate("2024-08-01"));
  EXPECT_FALSE(DateFormat::isIsoDate("01-08-2024"));
}

}  // namespace
}  // namespace brobyg::files
