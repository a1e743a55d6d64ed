#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "state/RowDigest.h"
#include "state/RowDigestSet.h"
#include "util/Hex.h"
#include "util/Sha256.h"

using namespace brobyg::state;

namespace {
RowDigest digestOf(std::vector<std::string_view> columns) {
  RowHasher hasher;
  return hasher.digest(columns.data(), columns.size());
}
}  // namespace

TEST(RowDigest, IsTheFirstHalfOfTheSha256OfTheLengthPrefixedColumns) {
  // count 2, then "ab" and "" each after its 8-byte little-endian length.
  std::string serialised("\x02\0\0\0\0\0\0\0\x02\0\0\0\0\0\0\0ab\0\0\0\0\0\0\0\0", 26);
  auto sha = brobyg::Sha256::of(serialised);
  unsigned char stored[16];
  storeDigest(digestOf({"ab", ""}), stored);
  EXPECT_EQ(brobyg::toHex(stored, 16), brobyg::toHex(sha.data(), 16));
}

TEST(RowDigest, DifferentRowsNeverSerialiseAlike) {
  EXPECT_NE(digestOf({"a,b", "c"}), digestOf({"a", "b,c"}));
  EXPECT_NE(digestOf({"ab", ""}), digestOf({"a", "b"}));
  EXPECT_NE(digestOf({"", ""}), digestOf({""}));
  EXPECT_NE(digestOf({}), digestOf({""}));
  EXPECT_EQ(digestOf({"x", "y"}), digestOf({"x", "y"}));
}

TEST(RowDigest, StoresAndLoadsBigEndian) {
  RowDigest d{0x0102030405060708ULL, 0x090a0b0c0d0e0f10ULL};
  unsigned char bytes[16];
  storeDigest(d, bytes);
  EXPECT_EQ(bytes[0], 0x01);
  EXPECT_EQ(bytes[15], 0x10);
  EXPECT_EQ(loadDigest(bytes), d);
}

TEST(RowDigestSet, FindsEveryDigestItHoldsAcrossGrowth) {
  RowDigestSet set;
  RowHasher hasher;
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    std::string v = std::to_string(i);
    std::string_view col(v);
    EXPECT_FALSE(set.seenOrAdd(&col, 1)) << i;
  }
  EXPECT_EQ(set.size(), static_cast<std::size_t>(n));
  EXPECT_EQ(set.added().size(), static_cast<std::size_t>(n));
  EXPECT_EQ(set.duplicates(), 0u);
  for (int i = 0; i < n; ++i) {
    std::string v = std::to_string(i);
    std::string_view col(v);
    EXPECT_TRUE(set.contains(hasher.digest(&col, 1))) << i;
    EXPECT_TRUE(set.seenOrAdd(&col, 1)) << i;
  }
  EXPECT_EQ(set.duplicates(), static_cast<std::uint64_t>(n));
  std::string other = "not there";
  std::string_view col(other);
  EXPECT_FALSE(set.contains(hasher.digest(&col, 1)));
}

TEST(RowDigestSet, LoadedDigestsAreNeitherNewNorDuplicates) {
  RowDigestSet set;
  set.load({1, 2});
  EXPECT_EQ(set.size(), 1u);
  EXPECT_TRUE(set.added().empty());
  EXPECT_TRUE(set.seenOrAdd(RowDigest{1, 2}));
  EXPECT_FALSE(set.seenOrAdd(RowDigest{1, 3}));
  EXPECT_EQ(set.added().size(), 1u);
  EXPECT_EQ(set.duplicates(), 1u);
}

// The all-zero digest marks an empty slot, so it is kept beside the table.
TEST(RowDigestSet, TheAllZeroDigestIsADigestLikeAnyOther) {
  RowDigestSet set;
  EXPECT_FALSE(set.contains(RowDigest{}));
  EXPECT_FALSE(set.seenOrAdd(RowDigest{}));
  EXPECT_TRUE(set.contains(RowDigest{}));
  EXPECT_TRUE(set.seenOrAdd(RowDigest{}));
  EXPECT_EQ(set.size(), 1u);
}

// Colliding low bits (same slot) probe onward: every digest stays findable.
TEST(RowDigestSet, DigestsSharingASlotAreAllKept) {
  RowDigestSet set;
  for (std::uint64_t high = 1; high <= 5000; ++high)
    EXPECT_FALSE(set.seenOrAdd(RowDigest{high, 7}));
  for (std::uint64_t high = 1; high <= 5000; ++high) EXPECT_TRUE(set.contains(RowDigest{high, 7}));
  EXPECT_FALSE(set.contains(RowDigest{5001, 7}));
}
