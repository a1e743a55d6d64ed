// The legal basis texts a case system records, read by hand (no regex) and classified through
// the crosswalk of schemas/codelists.xml; text that fits nothing, or more than one kind, stays
// unrecognised (never a guess).
#include <gtest/gtest.h>

#include "dataset/LegalBasis.h"
#include "dataset/Placement.h"

namespace brobyg::dataset {
namespace {

struct Case {
  const char* text;
  const char* kind;  // "" = not recognised
  const char* code;
};

class Classify : public ::testing::TestWithParam<Case> {};

TEST_P(Classify, Text) {
  const Case& c = GetParam();
  LegalBasisResult r;
  EXPECT_EQ(classifyLegalBasis(c.text, r), *c.kind != '\0') << c.text;
  EXPECT_EQ(r.kind, c.kind) << c.text;
  EXPECT_EQ(r.normalised(), c.code) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, Classify,
    ::testing::Values(
        // The shapes of the issue.
        Case{"\xc2\xa7 52, stk. 3, nr. 7", "placement_consent", "SEL-52-3-7"},
        Case{"SEL 52.3.7", "placement_consent", "SEL-52-3-7"},
        Case{"Barnets lov \xc2\xa7 46", "placement_consent", "BL-46"},
        Case{"BL \xc2\xa7"
             "32 stk 1 nr 3",
             "support", "BL-32-1-3"},
        // Every crosswalk row, both laws.
        Case{"BL \xc2\xa7 20", "investigation", "BL-20"},
        Case{"Serviceloven \xc2\xa7 50", "investigation", "SEL-50"},
        Case{"Barnets Lov \xc2\xa7 30, stk. 1", "early_preventive", "BL-30-1"},
        Case{"SEL \xc2\xa7 11, stk. 3", "early_preventive", "SEL-11-3"},
        Case{"BL 32.1.5", "support", "BL-32-1-5"},
        Case{"servicelovens \xc2\xa7 52, stk. 3, nr. 1", "support", "SEL-52-3-1"},
        Case{"BL \xc2\xa7 45, stk. 3", "respite_in_placement", "BL-45-3"},
        Case{"SEL \xc2\xa7 55 stk. 2", "respite_in_placement", "SEL-55-2"},
        Case{"lov om social service \xc2\xa7 52, stk. 3, nr. 7", "placement_consent", "SEL-52-3-7"},
        Case{"\xc2\xa7 47", "placement_no_consent", "BL-47"},
        Case{"Serviceloven \xc2\xa7 58", "placement_no_consent", "SEL-58"},
        Case{"BL \xc2\xa7 133", "notification", "BL-133"},
        Case{"SEL \xc2\xa7 153", "notification", "SEL-153"},
        // More shapes: law after the provision, "jf.", case, a final dot, "§§".
        Case{"\xc2\xa7 46 i barnets lov", "placement_consent", "BL-46"},
        Case{"jf. SEL \xc2\xa7\xc2\xa7 58.", "placement_no_consent", "SEL-58"},
        Case{"bl \xc2\xa7"
             "32, stk. 1",
             "support", "BL-32-1"},
        Case{"  SEL  \xc2\xa7 52 stk. 3 nr. 4  ", "support", "SEL-52-3-4"},
        Case{"\xc2\xa7 32 (barnets lov)", "", ""},  // BL §32 without stk. 1
        // Not recognised: another provision, an ambiguous one, no law and no §, garbage.
        Case{"SEL \xc2\xa7 52, stk. 3", "", ""},      // nr. 7 or another nr: two kinds
        Case{"BL \xc2\xa7 32 stk. 1 nr. 9", "", ""},  // not in 1-8
        Case{"SEL \xc2\xa7 52a", "", ""}, Case{"52.3.7", "", ""},
        Case{"\xc2\xa7 20", "investigation", "BL-20"},  // only Barnets Lov has a row for §20
        Case{"anbragt efter aftale", "", ""}, Case{"BL SEL \xc2\xa7 46", "", ""}, Case{"", "", ""},
        Case{"\xc2\xa7", "", ""}, Case{"BL \xc2\xa7 46 stk.", "", ""},
        Case{"BL \xc2\xa7 1234", "", ""}));

TEST(LegalBasisParse, Parts) {
  LegalBasisText t;
  ASSERT_TRUE(
      parseLegalBasis("BL \xc2\xa7"
                      "32 stk 1 nr 3",
                      t));
  EXPECT_EQ(t.law, 'B');
  EXPECT_EQ(t.paragraph, 32);
  EXPECT_EQ(t.stk, 1);
  EXPECT_EQ(t.nr, 3);
  ASSERT_TRUE(parseLegalBasis("\xc2\xa7 52, stk. 3, nr. 7", t));
  EXPECT_EQ(t.law, 0);
  EXPECT_FALSE(parseLegalBasis("BL \xc2\xa7 32 nr", t));
  EXPECT_FALSE(parseLegalBasis(std::string(200, '1'), t));
}

TEST(Placement, OfficialCodesAndRecordedWords) {
  EXPECT_EQ(harmonisePlacement("1"), "network_foster_family");
  EXPECT_EQ(harmonisePlacement("21"), "foster_family");
  EXPECT_EQ(harmonisePlacement("25"), "foster_family");
  EXPECT_EQ(harmonisePlacement(" 27 "), "residential_home");
  EXPECT_EQ(harmonisePlacement("11"), "boarding_school");
  EXPECT_EQ(harmonisePlacement("6"), "own_room");
  EXPECT_EQ(harmonisePlacement("99"), "unknown");
  EXPECT_EQ(harmonisePlacement("Plejefamilie"), "foster_family");
  EXPECT_EQ(harmonisePlacement("DØGNINSTITUTION"), "residential_home");
  EXPECT_EQ(harmonisePlacement("Eget værelse"), "own_room");
  EXPECT_EQ(harmonisePlacement("hos mormor"), "");
  EXPECT_EQ(harmonisePlacement("2"), "");
}

}  // namespace
}  // namespace brobyg::dataset
