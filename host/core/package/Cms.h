#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "trust/Certificate.h"
#include "util/AtomicFile.h"

namespace brobyg::package {

// `openssl cms -decrypt` and OpenSSL's CMS parser hold a whole package in memory
// (openssl#26372), so opening is capped. brobyg does not split packages yet: the job runner
// warns when one exceeds the cap, and the admin narrows the job (formats, datasets).
inline constexpr std::uint64_t kDefaultMaxPackageBytes = 1ull << 30;

// CMS SignedData (DER/BER, content encapsulated, binary, SHA-256) of the file `inPath`,
// streamed into `outPath` (atomic, fsynced). The signer certificate is included.
void signFile(const std::string& inPath, const std::string& outPath,
              const std::string& signerCertPath, const std::string& signerKeyPath,
              Durability durability = Durability::Durable);

// CMS AuthEnvelopedData with AES-256-GCM for every recipient certificate (PEM): RSA keys get
// RSA-OAEP with SHA-256, EC keys ECDH (ephemeral-static, X9.63 KDF with SHA-256, AES key
// wrap). Streamed into `outPath` (atomic, fsynced).
// Returns the SHA-256 (hex) and size of the file written, computed while writing it.
struct FileDigest {
  std::string sha256;
  std::uint64_t bytes = 0;
};
FileDigest envelopeFile(const std::string& inPath, const std::string& outPath,
                        const std::vector<std::string>& recipientCertPaths);

// signFile and envelopeFile in one pass: the signed structure is streamed straight into the
// envelope, never written to disk in between (so the signed plaintext has no scratch file).
// `beforeCommit` (may be empty) runs after the last byte is written and before the file is
// renamed into place; when it throws, no file appears and the exception propagates. The
// package builder waits there for the ZIP check that ran beside the signing.
FileDigest signAndEnvelopeFile(const std::string& inPath, const std::string& outPath,
                               const std::string& signerCertPath, const std::string& signerKeyPath,
                               const std::vector<std::string>& recipientCertPaths,
                               const std::function<void()>& beforeCommit = {});

class InputFile;

// Decrypts an AuthEnvelopedData file written by envelopeFile (or `openssl cms -encrypt
// -aes-256-gcm`). The plaintext goes to a temp file beside `outPath`, renamed only after the
// GCM tag checked out (CMS_decrypt writes before it checks, openssl#31629) and deleted on any
// failure. Refuses tags shorter than 16 bytes, files above `maxPackageBytes` and bytes after
// the end of the CMS structure. The size cap, both checks and the parse read the one open
// file `in`; the path overload opens it.
void decryptFile(InputFile& in, const std::string& outPath, const std::string& recipientCertPath,
                 const std::string& recipientKeyPath,
                 std::uint64_t maxPackageBytes = kDefaultMaxPackageBytes);
void decryptFile(const std::string& inPath, const std::string& outPath,
                 const std::string& recipientCertPath, const std::string& recipientKeyPath,
                 std::uint64_t maxPackageBytes = kDefaultMaxPackageBytes);

// Decides whether a verified signer may speak for the content; throws brobyg::Error to refuse
// (trust::SenderPins::check, trust::requirePinnedSigner).
using AcceptSigner = std::function<void(const trust::SignerCertificates&)>;

// Checks a SignedData file (exactly one signer, read once) with the signer certificate it
// carries, then asks `acceptSigner`, and writes the content to `outPath` (temp file, renamed)
// only when both passed. The signature proves who signed; whether that certificate may sign
// is `acceptSigner`'s decision: no CA or partial chain is trusted here. Refuses bytes after
// the end of the CMS structure. Returns the signer's certificates.
trust::SignerCertificates verifySignedFile(const std::string& inPath, const std::string& outPath,
                                           const AcceptSigner& acceptSigner,
                                           std::uint64_t maxPackageBytes = kDefaultMaxPackageBytes);

}  // namespace brobyg::package
