#include <gtest/gtest.h>

#include "pipeline/OutboxSender.h"

using brobyg::pipeline::OutboxSender;

TEST(OutboxSender, BackoffDoublesFromAMinuteToSixHours) {
  EXPECT_EQ(OutboxSender::backoffSeconds(1), 60);
  EXPECT_EQ(OutboxSender::backoffSeconds(2), 120);
  EXPECT_EQ(OutboxSender::backoffSeconds(3), 240);
  EXPECT_EQ(OutboxSender::backoffSeconds(9), 60 * 256);
  EXPECT_EQ(OutboxSender::backoffSeconds(10), 6 * 3600);
  EXPECT_EQ(OutboxSender::backoffSeconds(1000), 6 * 3600);
}
