#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "TestSupport.h"
#include "trust/SendersFile.h"
#include "util/AtomicFile.h"
#include "util/Error.h"

namespace brobyg::trust {
namespace {
using package::test::Pki;
using package::test::TempDir;
namespace fs = std::filesystem;

const std::string kHead = "<?xml version=\"1.0\"?>\n<senders xmlns=\"urn:brobyg:senders:1\">\n";

std::string parseError(const std::string& xml) {
  try {
    parseSenders(xml, "senders.xml");
  } catch (const Error& e) {
    return e.what();
  }
  return "accepted";
}

TEST(SendersFile, ParsesBothFormsOfPin) {
  auto entries = parseSenders(
      kHead +
          "  <sender municipality=\"0101\" name=\"København\">\n"
          "    <certificate>certs/kk-2026.pem</certificate>\n"
          "    <certificate>certs/kk-2027.pem</certificate>\n"
          "  </sender>\n"
          "  <sender municipality=\"147\">\n"
          "    <issuer certificate=\"certs/ca.pem\" subject=\"CN=Frederiksberg,C=DK\"/>\n"
          "  </sender>\n"
          "</senders>\n",
      "senders.xml");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].municipality, "101");
  EXPECT_EQ(entries[0].name, "København");
  EXPECT_EQ(entries[0].certificates,
            (std::vector<std::string>{"certs/kk-2026.pem", "certs/kk-2027.pem"}));
  EXPECT_EQ(entries[0].line, 3);
  EXPECT_EQ(entries[1].municipality, "147");
  ASSERT_EQ(entries[1].issuers.size(), 1u);
  EXPECT_EQ(entries[1].issuers[0].ca, "certs/ca.pem");
  EXPECT_EQ(entries[1].issuers[0].subject, "CN=Frederiksberg,C=DK");
}

TEST(SendersFile, RefusesWhatTheSchemaRefusesNamingTheLine) {
  const std::string pin = "<certificate>a.pem</certificate>";
  const std::vector<std::pair<std::string, std::string>> cases{
      {"<senders><sender municipality=\"101\">" + pin + "</sender></senders>", "root must be"},
      {"<senders xmlns=\"urn:other\"/>", "root must be"},
      {kHead + "</senders>", "no <sender>"},
      {kHead + "<sender municipality=\"101\">" + pin, "not well-formed"},
      {kHead + "\n<sender municipality=\"10\">" + pin + "</sender></senders>",
       "senders.xml:4: municipality must be a kommunekode"},
      {kHead + "<sender municipality=\"01011\">" + pin + "</sender></senders>", "kommunekode"},
      {kHead + "<sender>" + pin + "</sender></senders>", "attribute municipality"},
      {kHead + "<sender municipality=\"101\"/></senders>", "needs a <certificate> or an <issuer>"},
      {kHead + "<sender municipality=\"101\"><certificate/></sender></senders>",
       "<certificate> must be 1"},
      {kHead + "<sender municipality=\"101\"><issuer certificate=\"ca.pem\"/></sender></senders>",
       "attribute subject"},
      {kHead + "<sender municipality=\"101\"><issuer certificate=\"ca.pem\" subject=\"\"/>"
               "</sender></senders>",
       "attribute subject"},
      {kHead + "<sender municipality=\"101\"><ca>x</ca></sender></senders>",
       "unknown element <ca>"},
      {kHead + "<sender municipality=\"101\" trust=\"all\">" + pin + "</sender></senders>",
       "no attribute trust"},
      {kHead + "<receiver/></senders>", "unknown element <receiver>"},
      {kHead + "<sender municipality=\"101\">" + pin + "</sender>\n<sender municipality=\"0101\">" +
           pin + "</sender></senders>",
       "senders.xml:4: municipality 101 appears twice"},
      {kHead + "<sender municipality=\"101\"><certificate>" + std::string(1025, 'a') +
           "</certificate></sender></senders>",
       "1 to 1024 characters"},
  };
  for (const auto& [xml, expected] : cases)
    EXPECT_NE(parseError(xml).find(expected), std::string::npos)
        << xml << "\n  -> " << parseError(xml);
}

// Runs xmllint, a Linux program here.
#ifndef _WIN32
// The schema the evaluator can check the file with agrees with the parser.
TEST(SendersFile, TheSchemaAcceptsTheDocumentedExample) {
  if (!package::test::haveTool("xmllint")) {
    if (std::getenv("CI") != nullptr) FAIL() << "xmllint missing under CI";
    GTEST_SKIP() << "xmllint not installed";
  }
  TempDir dir;
  const std::string good = dir.file("good.xml");
  writeFileAtomically(good, kHead +
                                "  <sender municipality=\"0101\" name=\"Demo Kommune\">\n"
                                "    <certificate>keys/municipality.crt</certificate>\n"
                                "  </sender>\n"
                                "  <sender municipality=\"147\">\n"
                                "    <issuer certificate=\"ca.pem\" subject=\"CN=X,C=DK\"/>\n"
                                "    <certificate>b.pem</certificate>\n"
                                "  </sender>\n"
                                "</senders>\n");
  const std::string xsd = BROBYG_SOURCE_DIR "/schemas/senders.xsd";
  EXPECT_EQ(package::test::run("xmllint --noout --schema " + xsd + " " + good + " 2>/dev/null"), 0);
  EXPECT_EQ(parseSenders(readFile(good), good).size(), 2u);
  const std::string twice = dir.file("twice.xml");
  writeFileAtomically(twice, kHead +
                                 "<sender municipality=\"101\"><certificate>a</certificate>"
                                 "</sender><sender municipality=\"101\"><certificate>b"
                                 "</certificate></sender></senders>\n");
  EXPECT_NE(package::test::run("xmllint --noout --schema " + xsd + " " + twice + " 2>/dev/null"),
            0);
  EXPECT_NE(parseError(readFile(twice)), "accepted");
}
#endif

TEST(SendersFile, LoadsCertificatesRelativeToTheFile) {
  TempDir dir;
  fs::create_directories(dir.file("certs"));
  fs::copy_file(Pki::get().crt("signer"), dir.file("certs/signer.pem"));
  fs::copy_file(Pki::get().crt("ca"), dir.file("certs/ca.pem"));
  const std::string path = dir.file("senders.xml");
  writeFileAtomically(path, kHead +
                                "<sender municipality=\"0101\"><certificate>certs/signer.pem"
                                "</certificate></sender>\n"
                                "<sender municipality=\"147\"><issuer certificate=\"certs/ca.pem\""
                                " subject=\"CN=brobyg signer,O=Andenkommune,C=DK\"/></sender>\n"
                                "</senders>\n");
  SenderPins pins;
  loadSendersFile(path, pins);
  EXPECT_EQ(pins.municipalities(), (std::vector<std::string>{"101", "147"}));
  pins.check("101", {readPemCertificate(Pki::get().crt("signer")), {}});
  pins.check("147", {readPemCertificate(Pki::get().crt("poser")), {}});
  EXPECT_THROW(pins.check("147", {readPemCertificate(Pki::get().crt("signer")), {}}), Error);

  fs::remove(dir.file("certs/ca.pem"));
  try {
    SenderPins again;
    loadSendersFile(path, again);
    FAIL() << "a missing CA file was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("senders.xml:4: sender 147: "), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("certs/ca.pem"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace brobyg::trust
