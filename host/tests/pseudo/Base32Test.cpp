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

TEST(Base32, DecodeIsTheInverseAndRefusesWhatEncodeNeverWrites) {
  unsigned char data[16];
  for (int seed = 0; seed < 64; ++seed) {
    for (int i = 0; i < 16; ++i) data[i] = static_cast<unsigned char>(seed * 37 + i * 101);
    unsigned char back[16] = {};
    ASSERT_TRUE(decodeBase32(encodeBase32(data, 16), back, 16));
    EXPECT_EQ(std::string(back, back + 16), std::string(data, data + 16));
  }
  std::string text = encodeBase32(data, 16);
  unsigned char back[16];
  EXPECT_FALSE(decodeBase32(text.substr(1), back, 16));        // too short
  EXPECT_FALSE(decodeBase32("A" + text.substr(1), back, 16));  // uppercase
  EXPECT_FALSE(decodeBase32("1" + text.substr(1), back, 16));  // not in the alphabet
  text.back() = 'b';  // 26 characters hold 130 bits: the last two must be zero
  EXPECT_FALSE(decodeBase32(text, back, 16));
}

}  // namespace
}  // namespace brobyg::pseudo
