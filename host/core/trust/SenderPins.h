#pragma once

#include <map>
#include <string>
#include <vector>

#include "trust/Certificate.h"

namespace brobyg::trust {

// How the evaluator recognises one municipality's signer (DESIGN §6, issue 14).
struct SenderPin {
  // Pinned certificate: the signer is exactly this certificate (SHA-256 of its DER).
  // Otherwise issuer: the signer chains to `caDer` (the only anchor) and has exactly `subject`.
  bool pinnedCertificate = true;
  std::string sha256;   // pinned certificate
  std::string caDer;    // issuer
  std::string subject;  // issuer, RFC 2253
  std::string origin;   // where the pin was given (file, option), for messages
};

// kommunekode → the signers that may speak for it. A certificate from the same CA is not
// enough: the signer must match a pin of the manifest's producer.
class SenderPins {
 public:
  // `municipality`: 3 digits, or 4 with a leading 0 (as registers print it). Throws
  // brobyg::Error for anything else.
  void pinCertificate(const std::string& municipality, const std::string& certDer,
                      const std::string& origin);
  void pinIssuer(const std::string& municipality, const std::string& caDer,
                 const std::string& subject, const std::string& origin);

  bool empty() const { return pins_.empty(); }
  // Canonical (3-digit) codes that have pins.
  std::vector<std::string> municipalities() const;

  // Throws brobyg::Error naming the producer code and the signer (subject and SHA-256,
  // nothing else) unless `signer` matches a pin of `municipality`. The signature itself must
  // have been verified against `signer.signerDer` already.
  void check(const std::string& municipality, const SignerCertificates& signer) const;

 private:
  static bool matches(const SenderPin& pin, const SignerCertificates& signer);
  std::map<std::string, std::vector<SenderPin>> pins_;
};

// One `brobyg open --trust` value: "KOMMUNEKODE=CERT.pem". A value without a code is refused
// with an error that shows the form: a bare certificate would accept any producer.
void addTrustOption(SenderPins& pins, const std::string& value);

// key-import: the signer must be exactly the certificate in `pinnedPemPath` (no CA, no partial
// chain), and valid now. Throws brobyg::Error naming the signer otherwise.
void requirePinnedSigner(const std::string& pinnedPemPath, const SignerCertificates& signer);

}  // namespace brobyg::trust
