#pragma once

#include <string>
#include <vector>

namespace brobyg::trust {

// The certificates a CMS SignedData carried: the signer's, and the others the signer put in
// (possible intermediates; never trusted by themselves). DER bytes, so that callers need no
// OpenSSL types.
struct SignerCertificates {
  std::string signerDer;
  std::vector<std::string> othersDer;
};

// The DER of the first certificate in a PEM file. Throws brobyg::Error naming the file.
std::string readPemCertificate(const std::string& path);
// Lowercase hex SHA-256 of the DER: the certificate's fingerprint.
std::string fingerprint(const std::string& der);
// Subject, one line, RFC 2253 (as `openssl x509 -noout -subject -nameopt RFC2253` prints it).
std::string subjectOf(const std::string& der);
// "subject 'CN=...' (SHA-256 ab12...)": how refusals name a certificate.
std::string describe(const std::string& der);
// Throws brobyg::Error when the certificate is not valid now (not yet, or expired).
void requireValidNow(const std::string& der, const std::string& what);
// Throws brobyg::Error unless `der` chains to `caDer` and to nothing else: `caDer` is the
// only trust anchor (no partial chain), `othersDer` may only supply intermediates. Checks
// times and the S/MIME signing purpose, as CMS_verify would.
void requireChainTo(const std::string& der, const std::vector<std::string>& othersDer,
                    const std::string& caDer, const std::string& what);

}  // namespace brobyg::trust
