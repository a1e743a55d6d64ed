#include <gtest/gtest.h>

#include <functional>

#include "TestSupport.h"
#include "trust/SenderPins.h"
#include "util/Error.h"

namespace brobyg::trust {
namespace {
using package::test::Pki;

std::string der(const std::string& name) {
  return readPemCertificate(Pki::get().crt(name));
}

SignerCertificates signedBy(const std::string& name) {
  return {der(name), {}};
}

std::string refusal(const std::function<void()>& call) {
  try {
    call();
  } catch (const Error& e) {
    return e.what();
  }
  return "accepted";
}

TEST(SenderPins, ATrustOptionWithoutAMunicipalityIsRefusedWithTheNewForm) {
  SenderPins pins;
  for (const std::string& value : {Pki::get().crt("signer"), "12=" + Pki::get().crt("signer"),
                                   std::string("0101="), "abc=" + Pki::get().crt("signer")}) {
    std::string why = refusal([&] { addTrustOption(pins, value); });
    EXPECT_NE(why.find("--trust KOMMUNEKODE=CERT.pem"), std::string::npos) << why;
    EXPECT_NE(why.find("--senders FILE"), std::string::npos) << why;
  }
  EXPECT_TRUE(pins.empty());
  addTrustOption(pins, "0101=" + Pki::get().crt("signer"));
  addTrustOption(pins, "147=" + Pki::get().crt("poser"));
  EXPECT_EQ(pins.municipalities(), (std::vector<std::string>{"101", "147"}));
}

TEST(SenderPins, APinnedCertificateSignsForItsMunicipalityOnly) {
  SenderPins pins;
  pins.pinCertificate("0101", der("signer"), "test");
  pins.pinCertificate("147", der("poser"), "test");
  pins.check("101", signedBy("signer"));
  pins.check("0101", signedBy("signer"));
  pins.check("147", signedBy("poser"));
  std::string why = refusal([&] { pins.check("101", signedBy("poser")); });
  EXPECT_NE(why.find("producer 101: signer subject 'CN=brobyg signer,O=Andenkommune,C=DK' "
                     "(SHA-256 " +
                     fingerprint(der("poser")) + ")"),
            std::string::npos)
      << why;
  why = refusal([&] { pins.check("751", signedBy("signer")); });
  EXPECT_NE(why.find("producer 751 is not a pinned sender"), std::string::npos) << why;
}

TEST(SenderPins, AnExpiredPinnedCertificateIsRefused) {
  SenderPins pins;
  pins.pinCertificate("101", der("expired"), "test");
  EXPECT_NE(refusal([&] { pins.check("101", signedBy("expired")); }).find("has expired"),
            std::string::npos);
}

TEST(SenderPins, AnIssuerPinNeedsTheExactSubjectAndThatCa) {
  SenderPins pins;
  pins.pinIssuer("101", der("ca"), "CN=brobyg signer,O=Testkommune,C=DK", "test");
  pins.check("101", signedBy("signer"));
  EXPECT_NE(refusal([&] { pins.check("101", signedBy("poser")); }), "accepted");

  // The subject alone is not enough: a self-signed look-alike does not chain to the CA.
  SenderPins lookAlike;
  lookAlike.pinIssuer("101", der("ca"), "CN=ec,O=Test", "test");
  EXPECT_NE(refusal([&] { lookAlike.check("101", signedBy("ec")); }).find("pinned CA"),
            std::string::npos);
  // Nor is a CA that did not issue it.
  SenderPins otherCa;
  otherCa.pinIssuer("101", der("rsa"), "CN=brobyg signer,O=Testkommune,C=DK", "test");
  EXPECT_NE(refusal([&] { otherCa.check("101", signedBy("signer")); }).find("pinned CA"),
            std::string::npos);
  EXPECT_NE(refusal([&] { pins.pinIssuer("101", der("ca"), "", "test"); }), "accepted");
  EXPECT_NE(refusal([&] { pins.pinIssuer("10", der("ca"), "CN=x", "test"); }), "accepted");
}

// key-import: the signer is the pinned certificate itself, never one from its CA.
TEST(SenderPins, KeyImportNeedsThePinnedCertificateItself) {
  requirePinnedSigner(Pki::get().crt("signer"), signedBy("signer"));
  std::string why = refusal([&] { requirePinnedSigner(Pki::get().crt("ca"), signedBy("signer")); });
  EXPECT_NE(why.find("is not the pinned sender"), std::string::npos) << why;
  EXPECT_NE(why.find(fingerprint(der("signer"))), std::string::npos) << why;
  EXPECT_NE(refusal([&] { requirePinnedSigner(Pki::get().crt("signer"), signedBy("poser")); }),
            "accepted");
  EXPECT_NE(refusal([&] {
              requirePinnedSigner(Pki::get().crt("expired"), signedBy("expired"));
            }).find("has expired"),
            std::string::npos);
}

}  // namespace
}  // namespace brobyg::trust
