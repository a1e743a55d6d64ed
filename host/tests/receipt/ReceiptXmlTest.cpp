#include <gtest/gtest.h>

#include <functional>

#include "TestSupport.h"
#include "receipt/Receipt.h"
#include "util/Error.h"

namespace brobyg::receipt {
namespace {

Receipt sample() {
  Receipt r;
  r.packageId = "20261202T050000Z-0123456789abcdef";
  r.sha256 = std::string(64, 'a');
  r.bytes = 18446744073709551615ull;
  r.receivedAt = "2026-12-02T05:00:00Z";
  r.receiverId = "evaluator-1.dst";
  return r;
}

std::string refusal(const std::function<void()>& call) {
  try {
    call();
  } catch (const Error& e) {
    return e.what();
  }
  return "accepted";
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("no " + from);
  return text.replace(at, from.size(), to);
}

TEST(ReceiptXml, RoundTripsEveryField) {
  const Receipt r = sample();
  const Receipt back = parseXml(toXml(r), "test");
  EXPECT_EQ(back.packageId, r.packageId);
  EXPECT_EQ(back.sha256, r.sha256);
  EXPECT_EQ(back.bytes, r.bytes);
  EXPECT_EQ(back.receivedAt, r.receivedAt);
  EXPECT_EQ(back.receiverId, r.receiverId);
}

TEST(ReceiptXml, ToXmlRefusesFieldsThatWouldNotParseBack) {
  Receipt r = sample();
  r.receiverId = "a<b";
  EXPECT_NE(refusal([&] { toXml(r); }).find("receiverId"), std::string::npos);
  r = sample();
  r.sha256 = std::string(64, 'A');
  EXPECT_NE(refusal([&] { toXml(r); }).find("sha256"), std::string::npos);
  r = sample();
  r.packageId = "../x";
  EXPECT_NE(refusal([&] { toXml(r); }).find("packageId"), std::string::npos);
  r = sample();
  r.receivedAt = "2026-13-02T05:00:00Z";
  EXPECT_NE(refusal([&] { toXml(r); }).find("receivedAt"), std::string::npos);
}

TEST(ReceiptXml, ParseNamesTheElementNotTheValue) {
  const std::string xml = toXml(sample());
  struct Case {
    std::string xml;
    std::string expected;
  };
  const Case cases[] = {
      {replaced(xml, "<bytes>18446744073709551615", "<bytes>18446744073709551616"), "<bytes>"},
      {replaced(xml, "<bytes>18446744073709551615", "<bytes>0123"), "<bytes>"},
      {replaced(xml, "<bytes>18446744073709551615", "<bytes>-1"), "<bytes>"},
      {replaced(xml, "aaaa", "AAAA"), "<sha256"},
      {replaced(xml, "0123456789abcdef", "0123456789abcdeX"), "<packageId"},
      {replaced(xml, "T05:00:00Z<", "T25:00:00Z<"), "<receivedAt"},
      {replaced(xml, "evaluator-1.dst", "-evaluator"), "<receiverId"},
      {replaced(xml, "urn:brobyg:receipt:1", "urn:brobyg:receipt:2"), "namespace"},
      {replaced(xml, " version=\"1\"", " version=\"2\""), "attribute version"},
      {replaced(xml, "<sha256>", "<sha256 x=\"1\">"), "<sha256> takes no attributes"},
      {replaced(xml, "  <sha256>", "  <extra/><sha256>"), "expected <sha256>"},
      {replaced(xml, "</receiverId>\n", "</receiverId><receiverId>x</receiverId>"),
       "unexpected element after <receiverId>"},
      {replaced(xml, "  <receiverId>evaluator-1.dst</receiverId>\n", ""),
       "<receiverId> is missing"},
      {replaced(xml, "<bytes>18446744073709551615", "<bytes>1<!--c-->8"), "only text"},
      {replaced(xml, "<bytes>18446744073709551615", "<bytes><b/>1"), "only text"},
      {replaced(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<!DOCTYPE receipt [<!ENTITY e \"x\">]>"),
       "DOCTYPE"},
      {replaced(replaced(xml, "<receipt ", "<receipts "), "</receipt>", "</receipts>"),
       "root element"},
      {replaced(xml, "</receipt>", "</receipt><receipt/>"), "exactly one element"},
      {replaced(xml, "</receipt>", ""), "not XML"},
      {xml + std::string(5000, ' '), "larger than 4096 bytes"},
  };
  for (const Case& c : cases) {
    const std::string why = refusal([&] { parseXml(c.xml, "r.xml"); });
    EXPECT_EQ(why.rfind("r.xml:", 0), 0u) << why;
    EXPECT_NE(why.find(c.expected), std::string::npos) << why << "\n" << c.xml;
    EXPECT_EQ(why.find("evaluator-1.dst"), std::string::npos) << why;
  }
}

TEST(ReceiptXml, TheRefusalCarriesTheLineOfTheElement) {
  const std::string xml = replaced(toXml(sample()), "aaaa", "AAAA");
  EXPECT_EQ(refusal([&] { parseXml(xml, "r.xml"); }).rfind("r.xml:4: ", 0), 0u);
}

// Runs xmllint, a Linux program here.
#ifndef _WIN32
TEST(ReceiptXml, WhatToXmlWritesValidatesAgainstTheSchema) {
  if (!package::test::haveTool("xmllint")) GTEST_FAIL() << "xmllint needed";
  package::test::TempDir dir;
  package::test::writeText(dir.file("r.xml"), toXml(sample()));
  EXPECT_EQ(
      package::test::run("xmllint --noout --schema " BROBYG_SOURCE_DIR "/schemas/receipt.xsd " +
                         dir.file("r.xml") + " 2>/dev/null"),
      0);
  package::test::writeText(dir.file("bad.xml"), replaced(toXml(sample()), "aaaa", "AAAA"));
  EXPECT_NE(
      package::test::run("xmllint --noout --schema " BROBYG_SOURCE_DIR "/schemas/receipt.xsd " +
                         dir.file("bad.xml") + " 2>/dev/null"),
      0);
}
#endif

TEST(ReceiptXml, ReceiverIds) {
  EXPECT_TRUE(isValidReceiverId("a"));
  EXPECT_TRUE(isValidReceiverId("Evaluator_2.example-org"));
  EXPECT_TRUE(isValidReceiverId(std::string(64, 'x')));
  EXPECT_FALSE(isValidReceiverId(std::string(65, 'x')));
  EXPECT_FALSE(isValidReceiverId(""));
  EXPECT_FALSE(isValidReceiverId(".hidden"));
  EXPECT_FALSE(isValidReceiverId("a b"));
  EXPECT_FALSE(isValidReceiverId("a/b"));
}

}  // namespace
}  // namespace brobyg::receipt
