#include <gtest/gtest.h>

#include "util/Error.h"
#include "util/Hex.h"
#include "util/Sha256.h"

TEST(Hex, RoundTrip) {
  std::vector<unsigned char> bytes{0x00, 0x7f, 0x80, 0xff};
  EXPECT_EQ(brobyg::toHex(bytes), "007f80ff");
  EXPECT_EQ(brobyg::fromHex("007F80ff"), bytes);
  EXPECT_THROW(brobyg::fromHex("abc"), brobyg::Error);
  EXPECT_THROW(brobyg::fromHex("zz"), brobyg::Error);
}

TEST(Sha256, KnownAnswer) {
  EXPECT_EQ(brobyg::Sha256::hexOf("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
