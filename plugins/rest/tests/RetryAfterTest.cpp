#include "RetryAfter.h"

#include <Poco/DateTime.h>

#include <gtest/gtest.h>

namespace brobyg::rest {
namespace {

const Poco::Timestamp kNow = Poco::DateTime(2015, 10, 21, 7, 28, 0).timestamp();

TEST(RetryAfter, Seconds) {
  EXPECT_EQ(parseRetryAfter("120", kNow), std::chrono::seconds(120));
  EXPECT_EQ(parseRetryAfter(" 0 ", kNow), std::chrono::seconds(0));
  EXPECT_EQ(parseRetryAfter("99999999999999999999", kNow), std::chrono::seconds(999999999));
}

TEST(RetryAfter, HttpDateFromNow) {
  EXPECT_EQ(parseRetryAfter("Wed, 21 Oct 2015 07:30:00 GMT", kNow), std::chrono::seconds(120));
  EXPECT_EQ(parseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", kNow), std::chrono::seconds(0));
}

TEST(RetryAfter, NeitherFormIsNothing) {
  EXPECT_FALSE(parseRetryAfter("", kNow));
  EXPECT_FALSE(parseRetryAfter("soon", kNow));
  EXPECT_FALSE(parseRetryAfter("-5", kNow));
  EXPECT_FALSE(parseRetryAfter("Wed, 21 Oct 2015 07:30:00 GMT and more", kNow));
  EXPECT_FALSE(parseRetryAfter("21 Oct 2015", kNow));
}

}  // namespace
}  // namespace brobyg::rest
