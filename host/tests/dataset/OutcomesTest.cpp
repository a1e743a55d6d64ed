// school_outcome's scales and tests (the <outcomes> table of schemas/codelists.xml): the
// 7-point grades exactly, whole-number scores kept as given, survey averages rounded to one
// decimal and never onto the scale, school years, and a table that agrees with the code lists.
#include <gtest/gtest.h>

#include <cstdlib>
#include <set>

#include "TempDir.h"
#include "dataset/CodeLists.h"
#include "dataset/Codebook.h"
#include "dataset/DatasetSpec.h"
#include "dataset/Outcomes.h"
#include "util/AtomicFile.h"

namespace brobyg::dataset {
namespace {

// The score as written, or "rejected".
std::string scored(const char* scale, std::string_view score) {
  const OutcomeScale* s = findOutcomeScale(scale);
  if (s == nullptr) return "no scale";
  ScoreBuffer buffer{};
  std::string_view out;
  return checkScore(*s, score, buffer, out) ? std::string(out) : "rejected";
}

TEST(OutcomeScales, SevenPointGradesAreExactlyTheSevenStrings) {
  for (const char* grade : {"-3", "00", "02", "4", "7", "10", "12"})
    EXPECT_EQ(scored("grade_7point", grade), grade);
  for (const char* wrong :
       {"0", "2", "5", "13", "-03", "04", "07", "4.0", "12.0", "+4", "-3.0", "", "00 ", "A", "1"})
    EXPECT_EQ(scored("grade_7point", wrong), "rejected") << wrong;
}

TEST(OutcomeScales, WholeNumbersAreKeptWithoutLeadingZerosWithinTheirBounds) {
  EXPECT_EQ(scored("adaptive_percentile", "1"), "1");
  EXPECT_EQ(scored("adaptive_percentile", "100"), "100");
  EXPECT_EQ(scored("adaptive_percentile", "063"), "63");
  EXPECT_EQ(scored("adaptive_level", "6"), "6");
  EXPECT_EQ(scored("transition_points", "0"), "0");
  EXPECT_EQ(scored("transition_points", "000"), "0");
  EXPECT_EQ(scored("transition_points", "999"), "999");
  for (const char* wrong : {"0", "101", "-1", "50.5", "1e2", "", " 5"})
    EXPECT_EQ(scored("adaptive_percentile", wrong), "rejected") << wrong;
  EXPECT_EQ(scored("adaptive_level", "7"), "rejected");
  EXPECT_EQ(scored("transition_points", "1000"), "rejected");
  EXPECT_EQ(scored("transition_points", "0001"), "rejected");  // more than 3 digits
}

TEST(OutcomeScales, SurveyAveragesKeepOneDecimalRoundedHalfUp) {
  EXPECT_EQ(scored("wellbeing_mean", "3.7"), "3.7");
  EXPECT_EQ(scored("wellbeing_mean", "3,7"), "3.7");
  EXPECT_EQ(scored("wellbeing_mean", "3.75"), "3.8");
  EXPECT_EQ(scored("wellbeing_mean", "3.749"), "3.7");
  EXPECT_EQ(scored("wellbeing_mean", "3.3333333"), "3.3");
  EXPECT_EQ(scored("wellbeing_mean", "4.95"), "5.0");
  EXPECT_EQ(scored("wellbeing_mean", "1.96"), "2.0");
  EXPECT_EQ(scored("wellbeing_mean", "5"), "5.0");
  EXPECT_EQ(scored("wellbeing_mean", "5.000"), "5.0");
  EXPECT_EQ(scored("wellbeing_mean", "1"), "1.0");
  EXPECT_EQ(scored("wellbeing_mean", "1,04"), "1.0");
}

TEST(OutcomeScales, SurveyAveragesOffTheScaleAreNeverRoundedOntoIt) {
  for (const char* wrong : {"0.96", "0,99", "5.01", "5.0001", "6", "0", "-1", "3.", ".5", "3,7,1",
                            "3.7a", "tre", "", "1000.0"})
    EXPECT_EQ(scored("wellbeing_mean", wrong), "rejected") << wrong;
}

TEST(OutcomeSchoolYears, YearAndNextYearsLastTwoDigitsOrFourDigits) {
  EXPECT_EQ(schoolYearStart("2025/26"), 2025);
  EXPECT_EQ(schoolYearStart("2025/2026"), 2025);
  EXPECT_EQ(schoolYearStart("1999/00"), 1999);
  for (const char* wrong :
       {"2025/27", "2025/25", "2025-26", "25/26", "2025", "2025/2027", "2025/26 ", "abcd/ef", ""})
    EXPECT_EQ(schoolYearStart(wrong), -1) << wrong;
}

TEST(OutcomeTests, TheTestsThatExistAndThoseThatDoNot) {
  const OutcomeInstrument* skills = findOutcomeInstrument("national_test_skills");
  ASSERT_NE(skills, nullptr);
  EXPECT_TRUE(skills->find("danish_reading")->hasGrade(3));
  EXPECT_FALSE(skills->find("maths")->hasGrade(3));  // Færdighedstest maths: 2, 4, 6, 7, 8
  EXPECT_TRUE(skills->find("maths")->hasGrade(7));
  EXPECT_EQ(skills->find("english"), nullptr);
  EXPECT_TRUE(skills->usedIn("2026/27"));
  EXPECT_TRUE(skills->usedIn("2040/41"));
  EXPECT_FALSE(skills->usedIn("2025/26"));
  const OutcomeInstrument* adaptive = findOutcomeInstrument("national_test_adaptive");
  EXPECT_TRUE(adaptive->usedIn("2021/22"));
  EXPECT_FALSE(adaptive->usedIn("2022/23"));
  EXPECT_TRUE(findOutcomeInstrument("national_test_transition")->usedIn("2025/26"));
  EXPECT_FALSE(findOutcomeInstrument("national_test_transition")->usedIn("2026/27"));
  EXPECT_TRUE(findOutcomeInstrument("wellbeing_survey")->find("peace_order")->hasGrade(9));
  EXPECT_FALSE(findOutcomeInstrument("wellbeing_survey")->find("peace_order")->hasGrade(3));
}

// The table and the lists say the same: every instrument and scale of the lists is described,
// every code the table uses is in its list, and every subject is measured by something.
TEST(OutcomeTests, TheTableAgreesWithTheCodeLists) {
  std::set<std::string> instruments, scales, subjects;
  for (const OutcomeInstrument& i : outcomeInstruments()) {
    EXPECT_NE(codeList("outcome_instrument").find(i.code), nullptr) << i.code;
    EXPECT_GE(schoolYearStart(i.from), 0) << i.code;
    EXPECT_TRUE(i.to.empty() || schoolYearStart(i.to) >= schoolYearStart(i.from)) << i.code;
    EXPECT_TRUE(instruments.insert(i.code).second) << i.code << " twice";
    for (const OutcomeTest& t : i.tests) {
      EXPECT_NE(codeList("outcome_subject").find(t.subject), nullptr) << t.subject;
      subjects.insert(t.subject);
      EXPECT_FALSE(t.grades.empty()) << i.code << " " << t.subject;
      EXPECT_FALSE(t.scales.empty()) << i.code << " " << t.subject;
      for (int g : t.grades) EXPECT_TRUE(g >= 0 && g <= 10) << i.code << " " << t.subject;
      for (const std::string& s : t.scales)
        EXPECT_NE(findOutcomeScale(s), nullptr) << i.code << " " << t.subject << " " << s;
    }
  }
  for (const OutcomeScale& s : outcomeScales()) {
    EXPECT_NE(codeList("outcome_scale").find(s.code), nullptr) << s.code;
    EXPECT_TRUE(scales.insert(s.code).second) << s.code << " twice";
    EXPECT_TRUE(!s.values.empty() || s.low <= s.high) << s.code;
  }
  EXPECT_EQ(instruments.size(), codeList("outcome_instrument").codes.size());
  EXPECT_EQ(scales.size(), codeList("outcome_scale").codes.size());
  EXPECT_EQ(subjects.size(), codeList("outcome_subject").codes.size());
}

// The codebook of a package with school_outcome: valid XML, HTML that parses, the scales'
// decimals and the small-cell caution in every format, every outcome code in the CSV.
TEST(OutcomeCodebook, EveryFormatCarriesTheCodesTheDecimalsAndTheCaution) {
  const std::vector<CodebookFile> files = makeCodebook({&schoolOutcome()});
  ASSERT_EQ(files.size(), 3u);
  test::TempDir dir;
  const std::string schemas = std::string(BROBYG_SOURCE_DIR) + "/schemas/";
  writeFileAtomically(dir.file("codebook.xml"), files[0].content);
  writeFileAtomically(dir.file("codebook.html"), files[2].content);
  // xmllint is a Linux program here.
#ifndef _WIN32
  EXPECT_EQ(std::system(("xmllint --noout --nonet --schema '" + schemas + "codebook.xsd' '" +
                         dir.file("codebook.xml") + "'")
                            .c_str()),
            0);
  EXPECT_EQ(
      std::system(("xmllint --noout --nonet --html '" + dir.file("codebook.html") + "'").c_str()),
      0);
#endif
  for (const CodebookFile& f : files) {
    SCOPED_TRACE(f.entryName);
    EXPECT_NE(f.content.find("Small-cell caution"), std::string::npos);
    EXPECT_NE(f.content.find("kept with one decimal"), std::string::npos);
  }
  for (const char* list : {"outcome_instrument", "outcome_subject", "outcome_scale"})
    for (const Code& code : codeList(list).codes)
      EXPECT_NE(files[1].content.find("code,,,,," + std::string(list) + "," + code.value + ","),
                std::string::npos)
          << list << " " << code.value;
}

}  // namespace
}  // namespace brobyg::dataset
