#include "SqlCursor.h"

#include <gtest/gtest.h>

namespace brobyg::sql {
namespace {

TEST(SqlCursor, RoundTripsAnyBytes) {
  for (const SqlCursor& cursor : {SqlCursor{"2024-03-01 10:00:00.123456", "17"}, SqlCursor{"", ""},
                                  SqlCursor{std::string("a b:\n\0c", 7), "9 9:9"}}) {
    const std::string text = cursor.serialise();
    auto parsed = SqlCursor::parse(text);
    ASSERT_TRUE(parsed.has_value()) << text;
    EXPECT_EQ(*parsed, cursor);
  }
  EXPECT_EQ((SqlCursor{"2024-01-02", "7"}).serialise(), "sql1 10:2024-01-02 1:7");
}

TEST(SqlCursor, RefusesAnythingItDidNotWrite) {
  for (const char* bad : {"", "sql1", "sql1 ", "sql2 1:a 1:b", "sql1 1:a1:b", "sql1 2:a 1:b",
                          "sql1 1:a 2:b", "sql1 1:a 1:bc", "sql1 01:a 1:b", "sql1 -1:a 1:b",
                          "sql1 :a 1:b", "sql1 1:a 1:b ", "sql1 99999:a 1:b", "csv1 1:a 1:b"}) {
    EXPECT_FALSE(SqlCursor::parse(bad).has_value()) << bad;
  }
  const std::string tooLong = "sql1 " + std::to_string(kMaxCursorValueBytes + 1) + ":" +
                              std::string(kMaxCursorValueBytes + 1, 'x') + " 0:";
  EXPECT_FALSE(SqlCursor::parse(tooLong).has_value());
}

}  // namespace
}  // namespace brobyg::sql
