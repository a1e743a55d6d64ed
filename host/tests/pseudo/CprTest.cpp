#include "pseudo/Cpr.h"

#include <gtest/gtest.h>

#include <string>

// Synthetic numbers only. Most tests use a "today" far ahead, so that the century rules
// can be checked for years up to 2057 without tripping the future-birth check.
namespace brobyg::pseudo {
namespace {

const Date kFarFuture{2100, 1, 1};
const Date kToday{2025, 6, 15};

CprProblem problemOf(const std::string& text, const Date& today = kFarFuture) {
  return parseCpr(text, today).problem;
}

int yearOf(const std::string& text) {
  CprResult result = parseCpr(text, kFarFuture);
  EXPECT_TRUE(result.ok()) << describe(result.problem);
  return result.cpr.year;
}

TEST(Cpr, ParsesPlainAndDashForms) {
  CprResult plain = parseCpr("0102031234", kToday);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain.cpr.text(), "0102031234");
  EXPECT_EQ(plain.cpr.day, 1);
  EXPECT_EQ(plain.cpr.month, 2);
  EXPECT_EQ(plain.cpr.year, 1903);

  CprResult dashed = parseCpr("010203-1234", kToday);
  ASSERT_TRUE(dashed.ok());
  EXPECT_EQ(dashed.cpr.text(), "0102031234");
}

TEST(Cpr, TrimsSpacesAndTabs) {
  CprResult result = parseCpr(" \t 010203-1234\t  ", kToday);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.cpr.text(), "0102031234");
  EXPECT_TRUE(parseCpr("0102031234 ", kToday).ok());
}

TEST(Cpr, CenturyFromSeventhDigitZeroToThree) {
  EXPECT_EQ(yearOf("0101000000"), 1900);
  EXPECT_EQ(yearOf("0101361000"), 1936);
  EXPECT_EQ(yearOf("0101372000"), 1937);
  EXPECT_EQ(yearOf("0101993999"), 1999);
}

TEST(Cpr, CenturyFromSeventhDigitFourAndNine) {
  EXPECT_EQ(yearOf("0101004000"), 2000);
  EXPECT_EQ(yearOf("0101364000"), 2036);
  EXPECT_EQ(yearOf("0101374000"), 1937);
  EXPECT_EQ(yearOf("0101994000"), 1999);
  EXPECT_EQ(yearOf("0101369999"), 2036);
  EXPECT_EQ(yearOf("0101379999"), 1937);
}

TEST(Cpr, CenturyFromSeventhDigitFiveToEight) {
  for (char seventh : {'5', '6', '7', '8'}) {
    std::string serial = std::string(1, seventh) + "000";
    EXPECT_EQ(yearOf("010100" + serial), 2000) << seventh;
    EXPECT_EQ(yearOf("010157" + serial), 2057) << seventh;
    EXPECT_EQ(yearOf("010158" + serial), 1858) << seventh;
    EXPECT_EQ(yearOf("010199" + serial), 1899) << seventh;
  }
}

TEST(Cpr, TwentyNinthOfFebruary) {
  EXPECT_EQ(problemOf("2902004000"), CprProblem::None);         // 2000: leap
  EXPECT_EQ(problemOf("2902000000"), CprProblem::InvalidDate);  // 1900: not leap
  EXPECT_EQ(problemOf("2902960000"), CprProblem::None);         // 1996
  EXPECT_EQ(problemOf("2902970000"), CprProblem::InvalidDate);  // 1997
  EXPECT_EQ(problemOf("2902244000"), CprProblem::None);         // 2024
  EXPECT_EQ(problemOf("2902234000"), CprProblem::InvalidDate);  // 2023
  EXPECT_EQ(problemOf("2902565000"), CprProblem::None);         // 2056
  EXPECT_EQ(problemOf("2902585000"), CprProblem::InvalidDate);  // 1858
  EXPECT_EQ(problemOf("2902645000"), CprProblem::None);         // 1864
}

TEST(Cpr, InvalidDates) {
  EXPECT_EQ(problemOf("0113901234"), CprProblem::InvalidDate);  // month 13
  EXPECT_EQ(problemOf("0100901234"), CprProblem::InvalidDate);  // month 0
  EXPECT_EQ(problemOf("0001901234"), CprProblem::InvalidDate);  // day 0
  EXPECT_EQ(problemOf("3201901234"), CprProblem::InvalidDate);  // day 32
  EXPECT_EQ(problemOf("3104901234"), CprProblem::InvalidDate);  // 31 April
  EXPECT_EQ(problemOf("3012901234"), CprProblem::None);
}

TEST(Cpr, WrongLength) {
  EXPECT_EQ(problemOf(""), CprProblem::WrongLength);
  EXPECT_EQ(problemOf("   "), CprProblem::WrongLength);
  EXPECT_EQ(problemOf("010190123"), CprProblem::WrongLength);
  EXPECT_EQ(problemOf("01019012345"), CprProblem::WrongLength);
  EXPECT_EQ(problemOf("010190-12345"), CprProblem::WrongLength);
  EXPECT_EQ(problemOf("010190--1234"), CprProblem::WrongLength);
  EXPECT_EQ(problemOf("0101-901234"), CprProblem::WrongLength);
  EXPECT_EQ(problemOf("0101901-234"), CprProblem::WrongLength);
}

TEST(Cpr, NotDigits) {
  EXPECT_EQ(problemOf("01019O1234"), CprProblem::NotDigits);
  EXPECT_EQ(problemOf("abcdefghij"), CprProblem::NotDigits);
  EXPECT_EQ(problemOf("010190 1234"), CprProblem::NotDigits);
  EXPECT_EQ(problemOf("010190/1234"), CprProblem::NotDigits);
  EXPECT_EQ(problemOf("010190-123x"), CprProblem::NotDigits);
  EXPECT_EQ(problemOf("+101901234"), CprProblem::NotDigits);
  EXPECT_EQ(problemOf("0101 01234"), CprProblem::NotDigits);
}

TEST(Cpr, BirthDateInTheFuture) {
  EXPECT_EQ(problemOf("1506254000", kToday), CprProblem::None);  // born today
  EXPECT_EQ(problemOf("1606254000", kToday), CprProblem::FutureBirthDate);
  EXPECT_EQ(problemOf("0101264000", kToday), CprProblem::FutureBirthDate);
  EXPECT_EQ(problemOf("0101365000", kToday), CprProblem::FutureBirthDate);
  // The same digits read as 1800s or 1900s are in the past.
  EXPECT_EQ(problemOf("0101585000", kToday), CprProblem::None);
  EXPECT_EQ(problemOf("0101374000", kToday), CprProblem::None);
}

TEST(Cpr, ModulusElevenIsNotRequired) {
  // 010101-0001 fails the old modulus 11 check; it is still a valid number since 2007.
  EXPECT_EQ(problemOf("0101010001", kToday), CprProblem::None);
}

TEST(Cpr, SexFromLastDigit) {
  EXPECT_EQ(parseCpr("0101901231", kToday).cpr.sex, Sex::Male);
  EXPECT_EQ(parseCpr("0101901239", kToday).cpr.sex, Sex::Male);
  EXPECT_EQ(parseCpr("0101901230", kToday).cpr.sex, Sex::Female);
  EXPECT_EQ(parseCpr("0101901238", kToday).cpr.sex, Sex::Female);
}

TEST(Cpr, DescriptionsCarryNoDigits) {
  for (CprProblem p : {CprProblem::WrongLength, CprProblem::NotDigits, CprProblem::InvalidDate,
                       CprProblem::FutureBirthDate}) {
    std::string_view text = describe(p);
    EXPECT_FALSE(text.empty());
    EXPECT_EQ(text.find_first_of("0123456789"), std::string_view::npos);
  }
  EXPECT_EQ(describe(CprProblem::WrongLength), "wrong length");
  EXPECT_EQ(describe(CprProblem::FutureBirthDate), "birth date in the future");
}

TEST(Cpr, FailureCarriesNoDigits) {
  CprResult result = parseCpr("0113901234", kToday);
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.cpr.text().find_first_not_of('\0'), std::string_view::npos);
}

TEST(Cpr, BirthYearMonth) {
  EXPECT_EQ(birthYearMonth(parseCpr("150762-4321", kToday).cpr), "1962-07");
  EXPECT_EQ(birthYearMonth(parseCpr("011215-4321", kToday).cpr), "2015-12");
  EXPECT_EQ(birthYearMonth(parseCpr("010160-5321", kToday).cpr), "1860-01");
}

TEST(Cpr, AgeInWholeYears) {
  Cpr cpr = parseCpr("1503104321", kToday).cpr;  // 15 March 2010
  EXPECT_EQ(ageOn(cpr, Date{2010, 3, 15}), 0);
  EXPECT_EQ(ageOn(cpr, Date{2020, 3, 14}), 9);
  EXPECT_EQ(ageOn(cpr, Date{2020, 3, 15}), 10);
  EXPECT_EQ(ageOn(cpr, Date{2020, 2, 28}), 9);
  EXPECT_EQ(ageOn(cpr, Date{2021, 1, 1}), 10);
  EXPECT_FALSE(ageOn(cpr, Date{2010, 3, 14}).has_value());
}

TEST(Cpr, AgeOfLeapDayBirth) {
  Cpr cpr = parseCpr("2902084321", kToday).cpr;  // 29 February 2008
  EXPECT_EQ(ageOn(cpr, Date{2009, 2, 28}), 0);
  EXPECT_EQ(ageOn(cpr, Date{2009, 3, 1}), 1);
  EXPECT_EQ(ageOn(cpr, Date{2012, 2, 28}), 3);
  EXPECT_EQ(ageOn(cpr, Date{2012, 2, 29}), 4);
}

// The published age steps on the first day of the month after the birth month, for every
// day of birth in that month: no row can tell two birthdays of one month apart.
TEST(Cpr, PublishedAgeIgnoresTheDayOfBirth) {
  for (const char* text : {"0103104321", "1503104321", "3103104321"}) {  // March 2010
    Cpr cpr = parseCpr(text, kToday).cpr;
    EXPECT_EQ(ageByMonths(cpr, Date{2010, 3, 31}), 0) << text;
    EXPECT_EQ(ageByMonths(cpr, Date{2010, 4, 1}), 0) << text;
    EXPECT_EQ(ageByMonths(cpr, Date{2020, 3, 1}), 9) << text;
    EXPECT_EQ(ageByMonths(cpr, Date{2020, 3, 31}), 9) << text;
    EXPECT_EQ(ageByMonths(cpr, Date{2020, 4, 1}), 10) << text;
    EXPECT_EQ(ageByMonths(cpr, Date{2021, 1, 1}), 10) << text;
  }
  Cpr leap = parseCpr("2902084321", kToday).cpr;
  EXPECT_EQ(ageByMonths(leap, Date{2012, 2, 29}), 3);
  EXPECT_EQ(ageByMonths(leap, Date{2012, 3, 1}), 4);
}

}  // namespace
}  // namespace brobyg::pseudo
