#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "util/Problem.h"

namespace brobyg::config {

// What `brobyg check` needs to know about a certificate file. The problems have line 0: the
// caller knows the element they belong to (Problem::line is set with `at`).
struct CertificateReport {
  Problems problems;  // errors: unreadable, not yet valid, expired, unusable key; warning: soon
  std::string subject;
  std::string notAfter;  // as OpenSSL prints it

  // The problems placed at `line`, each message prefixed with `label` ("recipient 'x': ").
  Problems at(long line, const std::string& label) const;
};

// What a certificate is used for in a package: CMS signing, or as an envelope recipient.
enum class CertificateRole { Signer, Recipient };

// Reads a PEM certificate. `warnDays`: warn when it expires within that many days. Checks
// that its key usage and extended key usage (where present) allow the role: OpenSSL's CMS
// verification requires emailProtection, so a TLS-only certificate would make packages that
// nobody can verify. A recipient must be an end entity: a CA certificate (basicConstraints
// CA:TRUE, or keyCertSign) is refused, since its key signs certificates and belongs to the
// CA's operator, not to the evaluator who should open the packages.
CertificateReport inspectCertificate(const std::string& path, CertificateRole role,
                                     int warnDays = 30);

// Whether two PEM certificates carry the same public key (the same certificate, or a renewal
// of it). False when either cannot be read.
bool sameCertificateKey(const std::string& pathA, const std::string& pathB);

// SHA-256 fingerprint (lowercase hex) of a PEM certificate's DER encoding; throws
// brobyg::Error naming the file when it cannot be read.
std::string certificateFingerprint(const std::string& path);

// When a PEM certificate expires (unix seconds); empty when it cannot be read.
std::optional<std::int64_t> certificateNotAfter(const std::string& path);

// Checks that a PEM private key file is private, parses, and matches the certificate.
// Problems have line 0.
Problems checkKeyMatchesCertificate(const std::string& keyPath, const std::string& certificatePath);

}  // namespace brobyg::config
