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

// Issue #8: forms that stayed unmasked, each in a line as logs write them.
TEST(IdentifierMask, MasksTheReviewedGaps) {
  struct Case {
    const char* text;
    const char* masked;
  };
  const Case cases[] = {
      {"id 0101-01-1234 end", "id ********** end"},
      {"id 0101 01 1234 end", "id ********** end"},
      {"id 010101 -  1234 end", "id ********** end"},
      {"id 01 - 01 - 01 - 1234 end", "id ********** end"},
      {"glued 990101011234 end", "glued 99********** end"},
      {"glued 010101123456 end", "glued **********56 end"},
      {"glued 123401010112345678", "glued 1234**********5678"},
      {"glued 99010101-1234", "glued 99**********"},
      {"glued 01010012345", "glued **********5"},
      {"two 010101123401.01.01-1234", "two ********************"},
      {"hex a0101001234b", "hex a**********b"},
      {"key deadbeef0101011234 18 hex digits", "key deadbeef********** 18 hex digits"},
      {"leap 2902001234", "leap **********"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(maskIdentifiers(c.text), c.masked) << c.text;
    EXPECT_TRUE(brobyg::containsIdentifier(c.text)) << c.text;
  }
}

TEST(IdentifierMask, LeavesOtherNumbersAlone) {
  const char* texts[] = {
      "rows=1000000 read=20000",
      "package 20261125T142834Z-6a274449e912eede",
      "file.csv:1234",
      "bytes=346751449",  // nine digits, but 034675 is not a date
      "bytes=1073741824 bytes=5368709120 bytes=10737418240",
      "rows=2000000000 time=1764612345",
      "at 2026-11-25T15:01:55Z",
      "expires 2026-12-01, period 2026-01-01 to 2026-12-31",
      "date 2026-12-01 1234 rows",
      "from 2026-12-01 123456 rows",
      "01-0101-1234",  // not a shape people write
      "read=200000 rejected=40",
      "3213001234",  // 32nd day
      "3002001234",  // 30 February
      "0013001234",  // month 13
      // SHA-256 and key ids with digit runs that would read as CPR numbers on their own.
      "sha256 0101011234abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      "sha256=7f0c1d3e5a2b4c6d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9012345678901",
      "key id 0101011234abcdef",
      "digest 31129912340000000000000000000000000000a1",
      "101001",
  };
  for (const char* text : texts) {
    EXPECT_EQ(maskIdentifiers(text), text) << text;
    EXPECT_FALSE(brobyg::containsIdentifier(text)) << text;
  }
}

// Found by fuzz_identifier_mask: nine digits (a dropped leading zero) right before a CPR number
// glued to them were left alone, then masked on a second pass, when the CPR number had become
// "**********". Masking is idempotent: what it leaves, it leaves on every pass.
TEST(IdentifierMask, MaskingTwiceChangesNothing) {
  const char* texts[] = {
      "10101\xE2\x80\x93"
      "1231010101 1234",
      "101011234"
      "0101011234",
      "10101-123101.01.01-1234",
      "010101123401.01.01-1234",
  };
  for (const char* text : texts) {
    std::string once = maskIdentifiers(text);
    EXPECT_EQ(maskIdentifiers(once), once) << text;
    EXPECT_FALSE(brobyg::containsIdentifier(once)) << text;
  }
  EXPECT_EQ(maskIdentifiers("10101-1231010101 1234"), "********************");
}

TEST(IdentifierMask, IsLinearOnLongLines) {
  // Every position of a long digit and separator line is a candidate start.
  std::string line;
  for (int i = 0; i < 200000; ++i) line += "12 34 5";
  EXPECT_EQ(maskIdentifiers(line), line);
  std::string cprs;
  for (int i = 0; i < 100000; ++i) cprs += "0101011234";
  EXPECT_EQ(maskIdentifiers(cprs), std::string(cprs.size(), '*'));
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
