#include <gtest/gtest.h>

#include "TestSupport.h"
#include "receiver/AllowList.h"
#include "trust/Certificate.h"
#include "util/Error.h"

namespace brobyg::receiver {
namespace {
using package::test::Pki;

std::string der(const std::string& name) {
  return trust::readPemCertificate(Pki::get().crt(name));
}

TEST(AllowList, FindsClientsByFingerprintOrCertificateFileAndNobodyElse) {
  config::ReceiverAllow byFingerprint{trust::fingerprint(der("signer")), "", "Kommune 0101", 1};
  config::ReceiverAllow byFile{"", Pki::get().crt("rsa"), "Kommune 0147", 2};
  AllowList allow({byFingerprint, byFile});
  ASSERT_NE(allow.find(der("signer")), nullptr);
  EXPECT_EQ(*allow.find(der("signer")), "Kommune 0101");
  ASSERT_NE(allow.find(der("rsa")), nullptr);
  EXPECT_EQ(*allow.find(der("rsa")), "Kommune 0147");
  // Same CA as the allowed signer, but another certificate.
  EXPECT_EQ(allow.find(der("poser")), nullptr);
  EXPECT_EQ(allow.find(der("ec")), nullptr);
}

TEST(AllowList, AnUnreadableCertificateFileIsAnError) {
  config::ReceiverAllow missing{"", "/nonexistent/client.crt", "Kommune 0101", 1};
  EXPECT_THROW(AllowList({missing}), Error);
}

}  // namespace
}  // namespace brobyg::receiver
