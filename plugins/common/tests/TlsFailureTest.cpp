// Which TLS failures are refusals another try would meet again, and which are the network.
// The texts are OpenSSL 3's own, as Poco passes them on.
#include "common/TlsFailure.h"

#include <gtest/gtest.h>

namespace brobyg::files {
namespace {

TEST(TlsFailure, RefusedCertificatesAreForGood) {
  EXPECT_TRUE(tlsRefusedForGood(Poco::Net::CertificateValidationException("unacceptable")));
  EXPECT_TRUE(tlsRefusedForGood(
      Poco::Net::SSLException("error:0A000086:SSL routines::certificate verify failed")));
  EXPECT_TRUE(tlsRefusedForGood(
      Poco::Net::SSLException("error:0A000418:SSL routines::tlsv1 alert unknown ca")));
  EXPECT_TRUE(tlsRefusedForGood(
      Poco::Net::SSLException("error:0A000412:SSL routines::sslv3 alert bad certificate")));
}

TEST(TlsFailure, AConnectionThatEndsOrBreaksIsNotForGood) {
  EXPECT_FALSE(tlsRefusedForGood(
      Poco::Net::SSLException("error:0A000126:SSL routines::unexpected eof while reading")));
  EXPECT_FALSE(tlsRefusedForGood(Poco::Net::SSLConnectionUnexpectedlyClosedException()));
  EXPECT_FALSE(tlsRefusedForGood(Poco::Net::SSLException("Connection reset by peer")));
}

TEST(TlsFailure, ReasonIsTheMessageOrTheDisplayText) {
  EXPECT_EQ(reasonOf(Poco::Net::SSLException("broken")), "broken");
  EXPECT_EQ(reasonOf(Poco::Net::SSLConnectionUnexpectedlyClosedException()),
            Poco::Net::SSLConnectionUnexpectedlyClosedException().displayText());
}

}  // namespace
}  // namespace brobyg::files
