#include "state/RegisterSigner.h"

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "package/OpenSslUtil.h"
#include "util/Error.h"
#include "util/Hex.h"

namespace brobyg::state {

namespace ossl = package::ossl;

struct RegisterSigner::Key {
  ossl::PkeyPtr pkey;
};

struct RegisterVerifier::PublicKey {
  ossl::PkeyPtr pkey;
};

namespace {

std::string fingerprintOf(X509* cert, const std::string& path) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (X509_digest(cert, EVP_sha256(), digest, &size) != 1)
    ossl::fail(path + ": cannot compute the certificate's fingerprint");
  return toHex(digest, size);
}

using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, ossl::Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;

}  // namespace

RegisterSigner::RegisterSigner(const std::string& certificatePath, const std::string& keyPath) {
  ossl::X509Ptr cert = ossl::loadCertificate(certificatePath);
  ossl::PkeyPtr pkey = ossl::loadPrivateKey(keyPath);
  if (X509_check_private_key(cert.get(), pkey.get()) != 1) {
    ossl::drainErrors();
    throw Error(keyPath + ": the signing key does not belong to " + certificatePath);
  }
  fingerprint_ = fingerprintOf(cert.get(), certificatePath);
  key_ = std::make_unique<Key>(Key{std::move(pkey)});
}

RegisterSigner::~RegisterSigner() = default;

std::string RegisterSigner::sign(const std::string& bytes) const {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  std::size_t size = 0;
  if (!ctx ||
      EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_->pkey.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &size,
                     reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()) != 1)
    ossl::fail("cannot sign the disclosure register entry");
  std::vector<unsigned char> signature(size);
  if (EVP_DigestSign(ctx.get(), signature.data(), &size,
                     reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()) != 1)
    ossl::fail("cannot sign the disclosure register entry");
  signature.resize(size);
  return toHex(signature);
}

RegisterVerifier::RegisterVerifier() = default;
RegisterVerifier::~RegisterVerifier() = default;

void RegisterVerifier::addCertificate(const std::string& path) {
  ossl::X509Ptr cert = ossl::loadCertificate(path);
  const std::string fingerprint = fingerprintOf(cert.get(), path);
  if (knows(fingerprint)) return;
  ossl::PkeyPtr pkey(X509_get_pubkey(cert.get()));
  if (!pkey) ossl::fail(path + ": cannot read the certificate's public key");
  keys_[fingerprint] = std::make_unique<PublicKey>(PublicKey{std::move(pkey)});
}

bool RegisterVerifier::knows(const std::string& fingerprint) const {
  return keys_.count(fingerprint) != 0;
}

bool RegisterVerifier::verify(const std::string& fingerprint, const std::string& bytes,
                              const std::string& signatureHex) const {
  auto it = keys_.find(fingerprint);
  if (it == keys_.end()) return false;
  std::vector<unsigned char> signature;
  try {
    signature = fromHex(signatureHex);
  } catch (const std::exception&) {
    return false;  // not hex: not a signature
  }
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx ||
      EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, it->second->pkey.get()) != 1)
    ossl::fail("cannot verify the disclosure register entry");
  const int ok =
      EVP_DigestVerify(ctx.get(), signature.data(), signature.size(),
                       reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  ossl::drainErrors();  // a bad signature leaves its reason in the queue
  return ok == 1;
}

}  // namespace brobyg::state
