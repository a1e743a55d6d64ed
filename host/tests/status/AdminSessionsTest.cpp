// The status page's sessions: random ids, their own CSRF tokens, expiry and a bound.
#include <gtest/gtest.h>

#include "AdminSessions.h"

using brobyg::daemon::AdminSessions;

TEST(AdminSessions, AFreshSessionIsFoundByItsIdOnly) {
  AdminSessions sessions;
  const auto s = sessions.create(1000);
  EXPECT_EQ(s.id.size(), 64u) << "256 random bits in hex";
  EXPECT_EQ(s.csrf.size(), 64u);
  EXPECT_NE(s.id, s.csrf);
  const auto found = sessions.find(s.id, 1001);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->csrf, s.csrf);
  EXPECT_FALSE(sessions.find(s.csrf, 1001).has_value()) << "the CSRF token is no session id";
  EXPECT_FALSE(sessions.find("", 1001).has_value());
  EXPECT_FALSE(sessions.find(s.id.substr(0, 63), 1001).has_value());
  EXPECT_NE(sessions.create(1000).id, s.id);
}

TEST(AdminSessions, ExpireAndEndOnLogout) {
  AdminSessions sessions;
  const auto s = sessions.create(1000);
  EXPECT_TRUE(sessions.find(s.id, 1000 + AdminSessions::kLifetimeSeconds - 1).has_value());
  EXPECT_FALSE(sessions.find(s.id, 1000 + AdminSessions::kLifetimeSeconds).has_value());
  const auto t = sessions.create(2000);
  sessions.remove(t.id);
  EXPECT_FALSE(sessions.find(t.id, 2001).has_value());
}

TEST(AdminSessions, ANewLoginBeyondTheBoundEndsTheOldest) {
  AdminSessions sessions;
  const auto oldest = sessions.create(1000);
  for (std::size_t i = 1; i < AdminSessions::kMaxSessions; ++i) sessions.create(1000);
  EXPECT_TRUE(sessions.find(oldest.id, 1001).has_value());
  const auto newest = sessions.create(1000);
  EXPECT_FALSE(sessions.find(oldest.id, 1001).has_value());
  EXPECT_TRUE(sessions.find(newest.id, 1001).has_value());
}

TEST(AdminSessions, EqualComparesWholeStrings) {
  EXPECT_TRUE(AdminSessions::equal("abc", "abc"));
  EXPECT_FALSE(AdminSessions::equal("abc", "abd"));
  EXPECT_FALSE(AdminSessions::equal("ab", "abc"));
  EXPECT_FALSE(AdminSessions::equal("", "abc"));
}
