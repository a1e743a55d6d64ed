#include "dataset/XmlText.h"

#include <gtest/gtest.h>

#include <string>

namespace brobyg::dataset {
namespace {

std::string xml(std::string_view text) {
  std::string out(xmlTextMaxSize(text.size()), '\0');
  std::size_t n = escapeXmlText(text, out.data());
  if (n == kXmlIllegal) return "<illegal>";
  out.resize(n);
  return out;
}

TEST(XmlText, MarkupCharactersAreEscaped) {
  EXPECT_EQ(xml(""), "");
  EXPECT_EQ(xml("plain 123"), "plain 123");
  EXPECT_EQ(xml("a&b<c>d\"e'f"), "a&amp;b&lt;c&gt;d&quot;e'f");
  EXPECT_EQ(xml("]]>"), "]]&gt;");
  EXPECT_EQ(xml("&amp;"), "&amp;amp;");
}

TEST(XmlText, WhitespaceSurvivesParsing) {
  EXPECT_EQ(xml("a\tb\nc"), "a\tb\nc");
  EXPECT_EQ(xml("a\r\nb"), "a&#13;\nb");  // a parser would turn a raw CR into LF
}

TEST(XmlText, NonAsciiIsCopied) {
  EXPECT_EQ(xml("Fraværstype Øst Århus"), "Fraværstype Øst Århus");
  EXPECT_EQ(xml("\xEF\xBF\xBD"), "\xEF\xBF\xBD");          // U+FFFD
  EXPECT_EQ(xml("\xF0\x9F\x98\x80"), "\xF0\x9F\x98\x80");  // U+1F600
}

TEST(XmlText, CharactersXmlForbidsAreRefused) {
  EXPECT_EQ(xml(std::string_view("a\0b", 3)), "<illegal>");
  EXPECT_EQ(xml("\x01"), "<illegal>");
  EXPECT_EQ(xml("\x1F"), "<illegal>");
  EXPECT_EQ(xml("\xEF\xBF\xBE"), "<illegal>");  // U+FFFE
  EXPECT_EQ(xml("\xEF\xBF\xBF"), "<illegal>");  // U+FFFF
  EXPECT_EQ(xml("S\xF8ren"), "<illegal>");      // not UTF-8
  EXPECT_EQ(xml("\xED\xBF\xBF"), "<illegal>");  // surrogate
}

TEST(XmlText, FindsSpecialCharactersAtEveryPositionOfLongText) {
  // The encoder checks eight bytes at a time: a special byte must be caught in any lane.
  const std::string specials[] = {"&", "<", ">", "\"", "\r", "\x01", "\x1F", "\xC3\xA6", "\xFF"};
  for (const std::string& special : specials) {
    for (std::size_t at = 0; at < 40; ++at) {
      std::string text(40, 'a');
      text.replace(at, 1, special);
      std::string expected;
      if (special == "&")
        expected = "&amp;";
      else if (special == "<")
        expected = "&lt;";
      else if (special == ">")
        expected = "&gt;";
      else if (special == "\"")
        expected = "&quot;";
      else if (special == "\r")
        expected = "&#13;";
      else if (special == "\xC3\xA6")
        expected = special;
      std::string want = expected.empty() && special != "\xC3\xA6"
                             ? "<illegal>"
                             : std::string(at, 'a') + expected + std::string(39 - at, 'a');
      EXPECT_EQ(xml(text), want) << "byte " << int(static_cast<unsigned char>(special[0])) << " at "
                                 << at;
    }
  }
  EXPECT_EQ(xml(std::string(64, 'z') + "~ !#$%'()*+,-./09:;=?@AZ[\\]^_`{|}"),
            std::string(64, 'z') + "~ !#$%'()*+,-./09:;=?@AZ[\\]^_`{|}");
}

TEST(XmlText, WorstCaseFitsTheBound) {
  std::string quotes(40, '"');
  EXPECT_EQ(xml(quotes).size(), xmlTextMaxSize(quotes.size()));
}

}  // namespace
}  // namespace brobyg::dataset
