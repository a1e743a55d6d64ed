#include <gtest/gtest.h>

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Message.h>

#include "util/IdentifierMask.h"

using brobyg::maskIdentifiers;

TEST(IdentifierMask, MasksEveryCprShape) {
  EXPECT_EQ(maskIdentifiers("cpr 0101001234 end"), "cpr ********** end");
  EXPECT_EQ(maskIdentifiers("010100-1234"), "**********");
  EXPECT_EQ(maskIdentifiers("010100 1234,"), "**********,");
  EXPECT_EQ(maskIdentifiers("a0101001234b"), "a**********b");
  EXPECT_EQ(maskIdentifiers("two: 0101001234;3112995678"), "two: **********;**********");
}

TEST(IdentifierMask, LeavesOtherNumbersAlone) {
  EXPECT_EQ(maskIdentifiers("rows=1000000 read=20000"), "rows=1000000 read=20000");
  EXPECT_EQ(maskIdentifiers("01010012345"), "01010012345") << "11 digits is not a CPR number";
  EXPECT_EQ(maskIdentifiers("package 20261125T142834Z-6a274449e912eede"),
            "package 20261125T142834Z-6a274449e912eede");
  EXPECT_EQ(maskIdentifiers("file.csv:1234"), "file.csv:1234");
}

namespace {
struct Capture : Poco::Channel {
  std::string last;
  void log(const Poco::Message& msg) override { last = msg.getText(); }
};
}  // namespace

TEST(IdentifierMask, ChannelMasksBeforePassingOn) {
  Poco::AutoPtr<Capture> capture(new Capture);
  Poco::AutoPtr<Poco::Channel> next(capture.get(), true);
  brobyg::MaskingChannel channel(next);
  channel.log(Poco::Message("test", "row 0101001234 rejected", Poco::Message::PRIO_ERROR));
  EXPECT_EQ(capture->last, "row ********** rejected");
}
