#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace brobyg::state {

// Signs disclosure register entries with the municipality's signing key, the key and
// certificate that sign its packages (config producer signing-key, signing-certificate), so
// that someone who can write brobyg.db but does not hold the key cannot rewrite the register
// and recompute its hashes unnoticed (issue 16 #5).
class RegisterSigner {
 public:
  // Loads both files and checks that the key belongs to the certificate. The key file must be
  // private to its owner (util requirePrivateFile). Throws brobyg::Error naming the file.
  RegisterSigner(const std::string& certificatePath, const std::string& keyPath);
  ~RegisterSigner();
  RegisterSigner(const RegisterSigner&) = delete;
  RegisterSigner& operator=(const RegisterSigner&) = delete;

  // SHA-256 of the certificate's DER, lowercase hex: stored with every entry it signs.
  const std::string& fingerprint() const { return fingerprint_; }
  // A signature (lowercase hex) over `bytes` with SHA-256.
  std::string sign(const std::string& bytes) const;

 private:
  struct Key;
  std::string fingerprint_;
  std::unique_ptr<Key> key_;
};

// The certificates whose signatures `brobyg audit verify` accepts: the configured signing
// certificate and, after a rotation, the ones before it, keyed by fingerprint.
class RegisterVerifier {
 public:
  RegisterVerifier();
  ~RegisterVerifier();
  RegisterVerifier(const RegisterVerifier&) = delete;
  RegisterVerifier& operator=(const RegisterVerifier&) = delete;

  // Throws brobyg::Error naming the file when it is not a readable PEM certificate.
  void addCertificate(const std::string& path);
  bool knows(const std::string& fingerprint) const;
  // Whether `signatureHex` is a valid signature over `bytes` by the certificate `fingerprint`.
  bool verify(const std::string& fingerprint, const std::string& bytes,
              const std::string& signatureHex) const;

 private:
  struct PublicKey;
  std::map<std::string, std::unique_ptr<PublicKey>> keys_;
};

}  // namespace brobyg::state
