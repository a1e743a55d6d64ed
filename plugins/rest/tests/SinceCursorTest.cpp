#include "SinceCursor.h"

#include <brobyg_plugin.hpp>

#include <gtest/gtest.h>

namespace brobyg::rest {
namespace {

TEST(SinceCursorTest, ComparesWholeNumbersByValueAndTextByBytes) {
  EXPECT_LT(compareCursorValues("9", "10"), 0);
  EXPECT_LT(compareCursorValues("-10", "-9"), 0);
  EXPECT_LT(compareCursorValues("-1", "0"), 0);
  EXPECT_EQ(compareCursorValues("007", "7"), 0);
  EXPECT_LT(compareCursorValues("2024-03-02T09:30:00Z", "2024-03-10T00:00:00Z"), 0);
  EXPECT_GT(compareCursorValues("b", "a"), 0);
}

TEST(SinceCursorTest, SkipsOlderAndKnownTiesOnly) {
  SinceCursor cursor;
  EXPECT_FALSE(cursor.seen("5", "a"));
  cursor.deliver("5", "a");
  cursor.deliver("3", "z");  // older than the cursor: no change
  cursor.deliver("5", "b");
  const SinceCursor stored = SinceCursor::parse(cursor.serialise());
  EXPECT_EQ(stored.since(), "5");
  EXPECT_TRUE(stored.seen("4", "new"));
  EXPECT_TRUE(stored.seen("5", "a"));
  EXPECT_TRUE(stored.seen("5", "b"));
  EXPECT_FALSE(stored.seen("5", "c"));
  EXPECT_FALSE(stored.seen("6", "a"));
}

TEST(SinceCursorTest, ALargerValueStartsNewTies) {
  SinceCursor cursor;
  cursor.deliver("5", "a");
  cursor.deliver("6", "b");
  EXPECT_FALSE(cursor.seen("6", "a"));
  EXPECT_TRUE(cursor.seen("6", "b"));
  EXPECT_EQ(cursor.serialise().find("\"b\""), std::string::npos) << "ties are digests";
}

TEST(SinceCursorTest, RefusesACursorItDidNotWrite) {
  for (const char* text : {"{}", "x", "{\"v\":2,\"ties\":[]}", "{\"v\":1}", "[]"})
    EXPECT_THROW(SinceCursor::parse(text), sdk::Error) << text;
}

}  // namespace
}  // namespace brobyg::rest
