#include <gtest/gtest.h>

#include "risk/Generalisation.h"
#include "util/Error.h"

namespace brobyg::risk {
namespace {

TEST(Generalisation, ParsesTheWordsAnAdminWrites) {
  EXPECT_EQ(Generalisation::parse("none", "x"), (Generalisation{false, false}));
  EXPECT_EQ(Generalisation::parse("birth_year", "x"), (Generalisation{true, false}));
  EXPECT_EQ(Generalisation::parse("municipality", "x"), (Generalisation{false, true}));
  EXPECT_EQ(Generalisation::parse("birth_year,municipality", "x"), (Generalisation{true, true}));
  EXPECT_EQ(Generalisation::parse(" municipality  birth_year ", "x"), (Generalisation{true, true}));
  EXPECT_EQ((Generalisation{true, true}.name()), "birth_year,municipality");
}

TEST(Generalisation, RefusesWhatItDoesNotKnowNamingTheSetting) {
  for (const char* text : {"", " ", "birth_day", "none,birth_year", "school"}) {
    try {
      Generalisation::parse(text, "<risk generalise>");
      ADD_FAILURE() << "accepted '" << text << "'";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("<risk generalise>"), std::string::npos) << e.what();
    }
  }
}

TEST(Generalisation, FurtherStepsAreOnlyThoseThatChangeSomething) {
  const Generalisation none, year{true, false}, municipality{false, true}, both{true, true};
  EXPECT_EQ(furtherGeneralisations(none, true, true),
            (std::vector<Generalisation>{none, year, municipality, both}));
  EXPECT_EQ(furtherGeneralisations(none, true, false), (std::vector<Generalisation>{none, year}));
  EXPECT_EQ(furtherGeneralisations(year, true, true), (std::vector<Generalisation>{year, both}));
  EXPECT_EQ(furtherGeneralisations(both, true, true), (std::vector<Generalisation>{both}));
  EXPECT_EQ(furtherGeneralisations(municipality, true, true),
            (std::vector<Generalisation>{municipality, both}));
}

TEST(Generalisation, CoarsensOnlyItsColumns) {
  const Generalisation both{true, true};
  EXPECT_EQ(generalised(both, "birth_month", "2014-03"), "2014");
  EXPECT_EQ(generalised(both, "school", "101001"), "");
  EXPECT_EQ(generalised(both, "municipality", "101"), "101");
  EXPECT_EQ(generalised(Generalisation{}, "birth_month", "2014-03"), "2014-03");
}

}  // namespace
}  // namespace brobyg::risk
