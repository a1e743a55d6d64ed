#pragma once

#include <string>
#include <vector>

namespace brobyg::config {

// What `brobyg check` needs to know about a certificate file.
struct CertificateReport {
  std::vector<std::string> errors;    // unreadable, not yet valid, expired, unusable key type
  std::vector<std::string> warnings;  // expires soon
  std::string subject;
  std::string notAfter;  // as OpenSSL prints it
};

// Reads a PEM certificate. `warnDays`: warn when it expires within that many days.
CertificateReport inspectCertificate(const std::string& path, int warnDays = 30);

// Checks that a PEM private key file is private, parses, and matches the certificate.
std::vector<std::string> checkKeyMatchesCertificate(const std::string& keyPath,
                                                    const std::string& certificatePath);

}  // namespace brobyg::config
