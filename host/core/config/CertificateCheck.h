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

// What a certificate is used for in a package: CMS signing, or as an envelope recipient.
enum class CertificateRole { Signer, Recipient };

// Reads a PEM certificate. `warnDays`: warn when it expires within that many days. Checks
// that its key usage and extended key usage (where present) allow the role: OpenSSL's CMS
// verification requires emailProtection, so a TLS-only certificate would make packages that
// nobody can verify.
CertificateReport inspectCertificate(const std::string& path, CertificateRole role,
                                     int warnDays = 30);

// SHA-256 fingerprint (lowercase hex) of a PEM certificate's DER encoding; throws
// brobyg::Error naming the file when it cannot be read.
std::string certificateFingerprint(const std::string& path);

// Checks that a PEM private key file is private, parses, and matches the certificate.
std::vector<std::string> checkKeyMatchesCertificate(const std::string& keyPath,
                                                    const std::string& certificatePath);

}  // namespace brobyg::config
