#include "pseudo/Base32.h"

#include <gtest/gtest.h>

#include <string>

namespace brobyg::pseudo {
namespace {

std::string encode(const std::string& text) {
  return encodeBase32(reinterpret_cast<const unsigned char*>(text.data()), text.size());
}

// RFC 4648 section 10, lowercased and without the '=' padding.
TEST(Base32, Rfc4648Vectors) {
  EXPECT_EQ(encode(""), "");
  EXPECT_EQ(encode("f"), "my");
  EXPECT_EQ(encode("fo"), "mzxq");
  EXPECT_EQ(encode("foo"), "mzxw6");
  EXPECT_EQ(encode("foob"), "mzxw6yq");
  EXPECT_EQ(encode("fooba"), "mzxw6ytb");
  EXPECT_EQ(encode("foobar"), "mzxw6ytboi");
}

TEST(Base32, LengthOfSixteenBytesIsTwentySix) {
  EXPECT_EQ(base32Length(16), 26u);
  EXPECT_EQ(base32Length(5), 8u);
  EXPECT_EQ(base32Length(0), 0u);
}

TEST(Base32, AllBitsAndAlphabetEnds) {
  const unsigned char ones[5] = {0xff, 0xff, 0xff, 0xff, 0xff};
  EXPECT_EQ(encodeBase32(ones, 5), "77777777");
  const unsigned char zeros[5] = {};
  EXPECT_EQ(encodeBase32(zeros, 5), "aaaaaaaa");
}

TEST(Base32, WritesExactlyTheEncodedLength) {
  const unsigned char data[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
  char out[27];
  out[26] = '#';
  encodeBase32(data, 16, out);
  EXPECT_EQ(out[26], '#');
  EXPECT_EQ(std::string(out, 26), encodeBase32(data, 16));
}

}  // namespace
}  // namespace brobyg::pseudo
