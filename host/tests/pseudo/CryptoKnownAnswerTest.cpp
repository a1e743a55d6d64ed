#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pseudo/Hkdf.h"
#include "pseudo/HmacSha256.h"
#include "util/Hex.h"

namespace brobyg::pseudo {
namespace {

std::string hkdfHex(const std::vector<unsigned char>& ikm, const std::vector<unsigned char>& salt,
                    const std::vector<unsigned char>& info, std::size_t length) {
  std::vector<unsigned char> out(length);
  hkdfSha256(ikm.data(), ikm.size(), salt.data(), salt.size(),
             std::string_view(reinterpret_cast<const char*>(info.data()), info.size()), out.data(),
             out.size());
  return toHex(out);
}

// RFC 5869 appendix A.1.
TEST(Hkdf, Rfc5869TestCase1) {
  EXPECT_EQ(hkdfHex(fromHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"),
                    fromHex("000102030405060708090a0b0c"), fromHex("f0f1f2f3f4f5f6f7f8f9"), 42),
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
}

// RFC 5869 appendix A.3: no salt and no info, the path brobyg's project keys take.
TEST(Hkdf, Rfc5869TestCase3WithoutSalt) {
  EXPECT_EQ(hkdfHex(fromHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), {}, {}, 42),
            "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
}

std::string hmacHex(const std::vector<unsigned char>& key, std::string_view prefix,
                    std::string_view suffix) {
  PrefixedHmacSha256 hmac(key.data(), key.size(), prefix);
  auto mac = hmac.mac(suffix);
  return toHex(mac.data(), mac.size());
}

// RFC 4231 test case 2, split at every position between prefix and suffix.
TEST(HmacSha256, Rfc4231TestCase2) {
  const std::string key = "Jefe";
  const std::vector<unsigned char> keyBytes(key.begin(), key.end());
  const std::string data = "what do ya want for nothing?";
  for (std::size_t split = 0; split <= data.size(); ++split) {
    EXPECT_EQ(hmacHex(keyBytes, std::string_view(data).substr(0, split),
                      std::string_view(data).substr(split)),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        << split;
  }
}

// RFC 4231 test case 6: a key longer than the block is hashed first.
TEST(HmacSha256, Rfc4231TestCase6LongKey) {
  EXPECT_EQ(hmacHex(std::vector<unsigned char>(131, 0xaa), "Test Using Larger Than Block-",
                    "Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(HmacSha256, RepeatedUseGivesTheSameResult) {
  const std::vector<unsigned char> key = fromHex("4a656665");
  PrefixedHmacSha256 hmac(key.data(), key.size(), "what do ya ");
  auto first = hmac.mac("want for nothing?");
  auto other = hmac.mac("something else");
  auto again = hmac.mac("want for nothing?");
  EXPECT_EQ(first, again);
  EXPECT_NE(first, other);
}

}  // namespace
}  // namespace brobyg::pseudo
