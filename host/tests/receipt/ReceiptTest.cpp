#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "TestSupport.h"
#include "receipt/Receipt.h"
#include "trust/Certificate.h"
#include "util/Error.h"

namespace brobyg::receipt {
namespace {
using package::test::haveTool;
using package::test::Pki;
using package::test::run;
using package::test::TempDir;
using package::test::writeText;

Receipt sample() {
  Receipt r;
  r.packageId = "20261202T050000Z-0123456789abcdef";
  r.sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  r.bytes = 4;
  r.receivedAt = "2026-12-02T05:00:00Z";
  r.receiverId = "evaluator";
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

// For the tests that run the openssl CLI, a Linux program here.
#ifndef _WIN32
std::string readAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
#endif

TEST(Receipt, SignedReceiptVerifiesAgainstItsPinnedSigner) {
  const Pki& pki = Pki::get();
  const std::string pem = sign(sample(), pki.crt("signer"), pki.key("signer"));
  EXPECT_EQ(pem.rfind("-----BEGIN CMS-----", 0), 0u);
  const Receipt back = verify(pem, pki.crt("signer"));
  EXPECT_EQ(back.packageId, sample().packageId);
  EXPECT_EQ(back.sha256, sample().sha256);
  EXPECT_EQ(back.bytes, 4u);
  EXPECT_EQ(back.receivedAt, sample().receivedAt);
  EXPECT_EQ(back.receiverId, "evaluator");
}

TEST(Receipt, AnotherSignerFromTheSameCaIsRefusedNamingBoth) {
  const Pki& pki = Pki::get();
  const std::string pem = sign(sample(), pki.crt("poser"), pki.key("poser"));
  EXPECT_EQ(verify(pem, pki.crt("poser")).packageId, sample().packageId);
  const std::string why = refusal([&] { verify(pem, pki.crt("signer")); });
  const std::string poser = trust::fingerprint(trust::readPemCertificate(pki.crt("poser")));
  const std::string signer = trust::fingerprint(trust::readPemCertificate(pki.crt("signer")));
  EXPECT_NE(why.find(poser), std::string::npos) << why;
  EXPECT_NE(why.find(signer), std::string::npos) << why;
  EXPECT_NE(why.find("Andenkommune"), std::string::npos) << why;
}

// Runs the openssl CLI, a Linux program here.
#ifndef _WIN32
TEST(Receipt, ATamperedReceiptIsRefused) {
  const Pki& pki = Pki::get();
  TempDir dir;
  // Change the signed content: decode, flip the receipt's size, re-encode without re-signing.
  const std::string pem = sign(sample(), pki.crt("signer"), pki.key("signer"));
  writeText(dir.file("r.pem"), pem);
  ASSERT_EQ(run("openssl cms -cmsout -inform PEM -in " + dir.file("r.pem") + " -outform DER -out " +
                dir.file("r.der")),
            0);
  std::string der = readAll(dir.file("r.der"));
  const auto at = der.find("<bytes>4</bytes>");
  ASSERT_NE(at, std::string::npos);
  der[at + 7] = '5';
  writeText(dir.file("t.der"), der);
  ASSERT_EQ(run("openssl cms -cmsout -inform DER -in " + dir.file("t.der") + " -outform PEM -out " +
                dir.file("t.pem")),
            0);
  const std::string why = refusal([&] { verify(readAll(dir.file("t.pem")), pki.crt("signer")); });
  EXPECT_NE(why.find("signature verification failed"), std::string::npos) << why;
}
#endif

TEST(Receipt, GarbageAndTrailingBytesAreRefused) {
  const Pki& pki = Pki::get();
  const std::string pem = sign(sample(), pki.crt("signer"), pki.key("signer"));
  EXPECT_NE(refusal([&] { verify("hello", pki.crt("signer")); }).find("not a PEM CMS"),
            std::string::npos);
  EXPECT_NE(refusal([&] { verify(pem + "x", pki.crt("signer")); }).find("after the PEM"),
            std::string::npos);
  EXPECT_EQ(verify(pem + "\n\n", pki.crt("signer")).bytes, 4u);
  EXPECT_NE(refusal([&] { verify(std::string(70000, 'A'), pki.crt("signer")); }).find("larger"),
            std::string::npos);
}

// Runs the openssl CLI, a Linux program here.
#ifndef _WIN32
TEST(Receipt, StockOpensslPrintsTheSignedXml) {
  if (!haveTool("openssl")) GTEST_FAIL() << "openssl CLI needed";
  const Pki& pki = Pki::get();
  TempDir dir;
  writeText(dir.file("r.pem"), sign(sample(), pki.crt("signer"), pki.key("signer")));
  for (const std::string& trust : {"-CAfile " + pki.crt("signer") + " -partial_chain -purpose any",
                                   std::string("-noverify")}) {
    ASSERT_EQ(run("openssl cms -verify -inform PEM -in " + dir.file("r.pem") + " " + trust +
                  " -out " + dir.file("r.xml") + " 2>/dev/null"),
              0)
        << trust;
    EXPECT_EQ(readAll(dir.file("r.xml")), toXml(sample()));
  }
}
#endif

TEST(Receipt, TheKeyFileMustBePrivateAndMatchTheCertificate) {
  const Pki& pki = Pki::get();
  TempDir dir;
  std::filesystem::copy_file(pki.key("signer"), dir.file("open.key"));
  ::chmod(dir.file("open.key").c_str(), 0644);
  EXPECT_NE(refusal([&] {
              sign(sample(), pki.crt("signer"), dir.file("open.key"));
            }).find(dir.file("open.key")),
            std::string::npos);
  EXPECT_NE(
      refusal([&] { sign(sample(), pki.crt("signer"), pki.key("poser")); }).find("does not belong"),
      std::string::npos);
}

}  // namespace
}  // namespace brobyg::receipt
