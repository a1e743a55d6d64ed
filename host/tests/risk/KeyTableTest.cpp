// risk::KeyTable against a std::map: indices in order of first appearance, each key once,
// through the table's growth and with keys that share a hash bucket's neighbourhood.
#include "risk/KeyTable.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>

namespace brobyg::risk {

TEST(KeyTable, InternsLikeAMapInOrderOfFirstAppearance) {
  KeyTable table;
  std::map<std::string, std::uint32_t> reference;
  std::mt19937 random(3);
  for (int i = 0; i < 50000; ++i) {
    // Keys of the risk tally's shape, many repeated, some empty parts.
    const std::string key = std::to_string(2010 + random() % 6) + "-" +
                            std::to_string(random() % 12) + "\x1f" + (random() % 2 ? "male" : "") +
                            "\x1f" + std::to_string(random() % 300) + "\x1f";
    const auto [it, added] =
        reference.try_emplace(key, static_cast<std::uint32_t>(reference.size()));
    ASSERT_EQ(table.intern(key), it->second) << key;
    (void)added;
  }
  ASSERT_EQ(table.size(), reference.size());
  EXPECT_GT(table.size(), 1024u) << "past the first table size";
  for (const auto& [key, index] : reference) EXPECT_EQ(table.key(index), key);
  EXPECT_EQ(table.intern(""), reference.size()) << "the empty key is a key too";
  EXPECT_EQ(table.intern(""), reference.size());
}

}  // namespace brobyg::risk
