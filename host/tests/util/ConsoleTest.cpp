#include "util/Console.h"

#include <gtest/gtest.h>

#include <sstream>

namespace {

// What reaches the terminal through a MaskingStreamBuf over `target`.
struct Masked {
  std::stringstream target;
  brobyg::MaskingStreamBuf buffer{target.rdbuf()};
  std::ostream stream{&buffer};
};

}  // namespace

TEST(MaskingStreamBuf, ANumberWrittenInTwoPiecesIsStillMasked) {
  Masked m;
  m.stream << "cpr 010101";
  m.stream.flush();  // a flush in the middle of the line must not pass its first half on
  EXPECT_EQ(m.target.str(), "");
  m.stream << "-1234 read\n";
  EXPECT_EQ(m.target.str(), "cpr ********** read\n");
}

TEST(MaskingStreamBuf, CharacterByCharacterIsMaskedToo) {
  Masked m;
  for (char c : std::string("0101011234\n")) m.stream.put(c);
  EXPECT_EQ(m.target.str(), "**********\n");
}

TEST(MaskingStreamBuf, ALastLineWithoutNewlineIsPassedMaskedAtTheEnd) {
  std::stringstream target;
  {
    brobyg::MaskingStreamBuf buffer(target.rdbuf());
    std::ostream stream(&buffer);
    stream << "line one\nrow 0101011234";
    EXPECT_EQ(target.str(), "line one\n");
  }
  EXPECT_EQ(target.str(), "line one\nrow **********");
}

TEST(MaskingStreamBuf, OrdinaryTextPassesUnchanged) {
  Masked m;
  m.stream << "2026-12-01: 3 rows, 12345 bytes\n";
  EXPECT_EQ(m.target.str(), "2026-12-01: 3 rows, 12345 bytes\n");
}
