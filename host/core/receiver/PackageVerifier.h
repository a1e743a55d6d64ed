#pragma once

#include <cstdint>
#include <string>

#include "trust/SenderPins.h"

namespace brobyg::receiver {

// What the receiver checks before it stores a package: that it opens as `brobyg open` would
// open it (decrypts with the evaluator's key, the signature verifies, the signer is pinned for
// the manifest's producer, every file matches the manifest) and that the manifest's package
// id is the one in the URL. The unpacked copy is made in a temporary folder under `workDir`
// and removed: the inbox keeps the package as received, opened later with `brobyg open`.
class PackageVerifier {
 public:
  PackageVerifier(std::string decryptionCertificate, std::string decryptionKey,
                  trust::SenderPins senders, std::string workDir, std::uint64_t maxPackageBytes);

  // Throws brobyg::Error naming what failed (files, certificates, the producer code).
  void check(const std::string& path, const std::string& packageId) const;

 private:
  std::string certificate_;
  std::string key_;
  trust::SenderPins senders_;
  std::string workDir_;
  std::uint64_t maxPackageBytes_;
};

}  // namespace brobyg::receiver
