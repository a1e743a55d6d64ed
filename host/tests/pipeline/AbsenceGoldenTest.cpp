// The demo's absence_event, made by brobyg-synth (pupils --seed 1 --count 200 --municipality
// 0101; absence --seed 1 --rows 3000 --bad-rows 40 --layout iso), through the normaliser and
// both writers: the output must stay byte-identical to the golden files, which were made by
// the hand-written AbsenceEventNormaliser before the spec-driven normaliser replaced it.
// BROBYG_UPDATE_GOLDEN=1 rewrites them (review the diff before committing).
#include <gtest/gtest.h>

#include "GoldenSupport.h"
#include "TempDir.h"

namespace brobyg {
namespace {

const std::string kGolden =
    std::string(BROBYG_SOURCE_DIR) + "/host/tests/pipeline/golden/absence_event/";

TEST(AbsenceGolden, DemoDataIsByteIdentical) {
  test::TempDir dir;
  test::GoldenOutput got = test::runGolden(
      dataset::absenceEvent(), kGolden + "input.csv",
      {"cpr", "municipality", "school", "grade", "date", "unit", "lesson", "category"},
      pseudo::Date{2026, 6, 30}, dir.path());
  EXPECT_EQ(test::compareGolden(kGolden + "absence_event.csv", got.csv), "");
  EXPECT_EQ(test::compareGolden(kGolden + "absence_event.xml", got.xml), "");
  EXPECT_EQ(test::compareGolden(kGolden + "rejected.txt", got.rejected), "");
}

// Hand-made rows for every check and default of absence_event, one per line.
TEST(AbsenceGolden, EveryCheckGivesTheSameResult) {
  test::TempDir dir;
  test::GoldenOutput got = test::runGolden(
      dataset::absenceEvent(), kGolden + "edge.csv",
      {"cpr", "municipality", "school", "grade", "date", "unit", "lesson", "category"},
      pseudo::Date{2026, 6, 30}, dir.path());
  EXPECT_EQ(test::compareGolden(kGolden + "edge.out.csv", got.csv), "");
  EXPECT_EQ(test::compareGolden(kGolden + "edge.out.xml", got.xml), "");
  EXPECT_EQ(test::compareGolden(kGolden + "edge.rejected.txt", got.rejected), "");
}

}  // namespace
}  // namespace brobyg
