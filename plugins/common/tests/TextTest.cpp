#include "common/Text.h"

#include <gtest/gtest.h>

namespace brobyg::files {
namespace {

std::string fromWindows1252(std::string_view bytes) {
  std::string out;
  appendWindows1252AsUtf8(bytes, out);
  return out;
}

TEST(Text, Windows1252DanishLetters) {
  EXPECT_EQ(fromWindows1252("\xE6\xF8\xE5\xC6\xD8\xC5"), "æøåÆØÅ");
  EXPECT_EQ(fromWindows1252("Frav\xE6r"), "Fravær");
}

TEST(Text, Windows1252HighControlRange) {
  EXPECT_EQ(fromWindows1252("\x80"), "€");
  EXPECT_EQ(fromWindows1252("\x8A"), "Š");
  EXPECT_EQ(fromWindows1252("\x85"), "…");
  EXPECT_EQ(fromWindows1252("\x93x\x94"), "“x”");
  EXPECT_EQ(fromWindows1252("\x9F"), "Ÿ");
  EXPECT_EQ(fromWindows1252("\x81"), "\xC2\x81");  // undefined: C1 control, as WHATWG
  EXPECT_TRUE(isValidUtf8(fromWindows1252(std::string(1, '\xFF'))));
}

TEST(Text, Utf8Validation) {
  EXPECT_TRUE(isValidUtf8("plain"));
  EXPECT_TRUE(isValidUtf8("Sygdom – æøå €"));
  EXPECT_FALSE(isValidUtf8("\xE6"));              // a lone Windows-1252 æ
  EXPECT_FALSE(isValidUtf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(isValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(isValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(isValidUtf8("\xE2\x82"));          // truncated
}

TEST(Text, FoldingCoversAsciiAndDanishCapitals) {
  EXPECT_EQ(folded("SYG"), "syg");
  EXPECT_EQ(folded("ÆRØ ÅS"), "ærø ås");
  EXPECT_EQ(folded("Ekstraordinær Frihed"), "ekstraordinær frihed");
  EXPECT_EQ(folded("×"), "×");
}

TEST(Text, TrimSpacesAndTabs) {
  EXPECT_EQ(trim(" \tSyg \t"), "Syg");
  EXPECT_EQ(trim("   "), "");
  EXPECT_TRUE(isAscii("abc"));
  EXPECT_FALSE(isAscii("æ"));
}

}  // namespace
}  // namespace brobyg::files
