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

TEST(IdentifierMask, MasksTheFormsPeopleAndSpreadsheetsWrite) {
  const char* forms[] = {
      "010101\xE2\x80\x93"
      "1234",  // en dash
      "010101 - 1234",
      "010101--1234",
      "01.01.01-1234",
      "01 01 01 1234",
      "01/01/01/1234",
      "010101_1234",
      "010101\xC2\xA0"
      "1234",  // no-break space
      "010101\t1234",
      "101011234",  // leading zero dropped by a spreadsheet
  };
  for (const char* form : forms) {
    std::string line = "id ";
    line.append(form).append(" end");
    EXPECT_EQ(maskIdentifiers(line), "id ********** end") << form;
    EXPECT_TRUE(brobyg::containsIdentifier(line)) << form;
  }
}

TEST(IdentifierMask, LeavesOtherNumbersAlone) {
  EXPECT_EQ(maskIdentifiers("rows=1000000 read=20000"), "rows=1000000 read=20000");
  EXPECT_EQ(maskIdentifiers("01010012345"), "01010012345") << "11 digits is not a CPR number";
  EXPECT_EQ(maskIdentifiers("package 20261125T142834Z-6a274449e912eede"),
            "package 20261125T142834Z-6a274449e912eede");
  EXPECT_EQ(maskIdentifiers("file.csv:1234"), "file.csv:1234");
  EXPECT_EQ(maskIdentifiers("bytes=346751449"), "bytes=346751449") << "not a plausible date";
  EXPECT_EQ(maskIdentifiers("at 2026-11-25T15:01:55Z"), "at 2026-11-25T15:01:55Z");
  EXPECT_EQ(maskIdentifiers("read=200000 rejected=40"), "read=200000 rejected=40");
  for (const char* text : {"bytes=346751449", "2025-10-03", "101001", "rows=1000000"})
    EXPECT_FALSE(brobyg::containsIdentifier(text)) << text;
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
