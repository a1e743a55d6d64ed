#include "dataset/CsvField.h"

#include <gtest/gtest.h>

#include <string>

namespace brobyg::dataset {
namespace {

std::string csv(std::string_view field, char delimiter = ',') {
  std::string out(csvFieldMaxSize(field.size()), '\0');
  std::size_t n = encodeCsvField(field, delimiter, out.data());
  if (n == kInvalidUtf8) return "<invalid>";
  out.resize(n);
  return out;
}

TEST(CsvField, PlainFieldsAreNotQuoted) {
  EXPECT_EQ(csv(""), "");
  EXPECT_EQ(csv("sick"), "sick");
  EXPECT_EQ(csv("2025-09-01"), "2025-09-01");
  EXPECT_EQ(csv("a b;c\t"), "a b;c\t");  // only the delimiter in use needs quoting
  EXPECT_EQ(csv("Søren Ærø"), "Søren Ærø");
}

// A default string_view has a null data pointer; under UBSan memcpy(out, nullptr, 0) failed.
TEST(CsvField, EmptyFieldWithoutDataPointer) {
  char out[2] = {'x', 'y'};
  EXPECT_EQ(encodeCsvField(std::string_view(), ',', out), 0u);
  EXPECT_EQ(out[0], 'x');
}

TEST(CsvField, DelimiterQuoteAndLineBreaksAreQuoted) {
  EXPECT_EQ(csv("a,b"), "\"a,b\"");
  EXPECT_EQ(csv("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv("\""), "\"\"\"\"");
  EXPECT_EQ(csv("line1\nline2"), "\"line1\nline2\"");
  EXPECT_EQ(csv("cr\r"), "\"cr\r\"");
  EXPECT_EQ(csv("a;b", ';'), "\"a;b\"");
  EXPECT_EQ(csv("a,b", ';'), "a,b");
}

TEST(CsvField, WorstCaseFitsTheBound) {
  std::string quotes(50, '"');
  std::string encoded = csv(quotes);
  EXPECT_EQ(encoded.size(), csvFieldMaxSize(quotes.size()));
}

TEST(CsvField, MalformedUtf8IsRefused) {
  EXPECT_EQ(csv("S\xF8ren"), "<invalid>");          // Windows-1252 ø
  EXPECT_EQ(csv("\xC3"), "<invalid>");              // truncated sequence
  EXPECT_EQ(csv("\xC0\xAF"), "<invalid>");          // overlong '/'
  EXPECT_EQ(csv("\xED\xA0\x80"), "<invalid>");      // UTF-16 surrogate
  EXPECT_EQ(csv("\xF4\x90\x80\x80"), "<invalid>");  // beyond U+10FFFF
  EXPECT_EQ(csv("\xF0\x9F\x98\x80"), "\xF0\x9F\x98\x80");
}

}  // namespace
}  // namespace brobyg::dataset
