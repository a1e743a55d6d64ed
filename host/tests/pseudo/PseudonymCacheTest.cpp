#include "pseudo/PseudonymCache.h"

#include <gtest/gtest.h>

#include <random>
#include <unordered_map>

namespace brobyg::pseudo {
namespace {

PseudonymCache::Value valueFor(std::uint64_t n) {
  PseudonymCache::Value v{};
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = static_cast<unsigned char>(n >> (i % 8 * 8));
  v[15] = static_cast<unsigned char>(n * 31);
  return v;
}

TEST(PseudonymCache, FindsWhatWasInserted) {
  PseudonymCache cache(100);
  EXPECT_EQ(cache.find(0), nullptr);
  cache.insert(0, valueFor(0));  // 0000000000 is a legal key
  cache.insert(9999999999ull, valueFor(9999999999ull));
  ASSERT_NE(cache.find(0), nullptr);
  EXPECT_EQ(*cache.find(0), valueFor(0));
  ASSERT_NE(cache.find(9999999999ull), nullptr);
  EXPECT_EQ(*cache.find(9999999999ull), valueFor(9999999999ull));
  EXPECT_EQ(cache.find(1), nullptr);
  EXPECT_EQ(cache.size(), 2u);
}

TEST(PseudonymCache, ReinsertDoesNotGrowTheCount) {
  PseudonymCache cache(10);
  cache.insert(5, valueFor(5));
  cache.insert(5, valueFor(5));
  EXPECT_EQ(cache.size(), 1u);
}

TEST(PseudonymCache, GrowsKeepingEverything) {
  PseudonymCache cache(100000);
  std::size_t initialSlots = cache.slotCount();
  for (std::uint64_t n = 0; n < 50000; ++n) cache.insert(n * 7919, valueFor(n * 7919));
  EXPECT_GT(cache.slotCount(), initialSlots);
  EXPECT_LE(2 * cache.size(), cache.slotCount());
  for (std::uint64_t n = 0; n < 50000; ++n) {
    const auto* found = cache.find(n * 7919);
    ASSERT_NE(found, nullptr) << n;
    ASSERT_EQ(*found, valueFor(n * 7919)) << n;
  }
  EXPECT_EQ(cache.find(7918), nullptr);
}

TEST(PseudonymCache, StartsOverWhenFullAndStaysBounded) {
  PseudonymCache cache(1000);
  std::size_t maxSlots = 0;
  for (std::uint64_t n = 0; n < 10000; ++n) {
    cache.insert(n, valueFor(n));
    ASSERT_LE(cache.size(), 1000u);
    maxSlots = std::max(maxSlots, cache.slotCount());
    ASSERT_NE(cache.find(n), nullptr);
  }
  EXPECT_LE(maxSlots, 2048u);
  // 10000 = 10 x 1000: the last start-over happened at insert 9000.
  EXPECT_EQ(cache.size(), 1000u);
  EXPECT_EQ(cache.find(8999), nullptr);
  EXPECT_NE(cache.find(9000), nullptr);
}

TEST(PseudonymCache, ZeroCapacityKeepsNothing) {
  PseudonymCache cache(0);
  cache.insert(1, valueFor(1));
  EXPECT_EQ(cache.find(1), nullptr);
  EXPECT_EQ(cache.size(), 0u);
}

// The cache against the simplest model of its contract: a map that is emptied when an insert
// finds it holding `capacity` entries. Random inserts and lookups over a key range a few times
// the capacity, so that hits, misses, re-inserts, growth and start-overs all happen.
TEST(PseudonymCache, BehavesLikeAMapThatStartsOverWhenFull) {
  for (std::size_t capacity : {1u, 3u, 64u, 1000u, 5000u}) {
    std::mt19937_64 random(capacity);
    PseudonymCache cache(capacity);
    std::unordered_map<std::uint64_t, PseudonymCache::Value> model;
    const std::uint64_t keys = 3 * capacity + 7;
    for (int step = 0; step < 200000; ++step) {
      // Keys spread over the whole 10-digit range, including both ends.
      const std::uint64_t k = random() % keys;
      const std::uint64_t number =
          k == 0 ? 0 : (k == 1 ? 9999999999ull : k * 2654435761ull % 10000000000ull);
      if (random() % 3 == 0) {
        if (model.size() >= capacity) model.clear();
        model[number] = valueFor(number);
        cache.insert(number, valueFor(number));
      } else {
        const PseudonymCache::Value* found = cache.find(number);
        auto expected = model.find(number);
        ASSERT_EQ(found != nullptr, expected != model.end()) << capacity << " " << step;
        if (found != nullptr) {
          ASSERT_EQ(*found, expected->second);
        }
      }
      ASSERT_EQ(cache.size(), model.size());
      ASSERT_LE(cache.slotCount(), 4 * capacity);  // at most half full, a power of two
    }
  }
}

}  // namespace
}  // namespace brobyg::pseudo
