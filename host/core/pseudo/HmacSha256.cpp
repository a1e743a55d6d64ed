#include "pseudo/HmacSha256.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "util/Error.h"

namespace brobyg::pseudo {

namespace {
constexpr std::size_t kBlock = 64;  // SHA-256 block size

void check(int rc) {
  if (rc != 1) throw Error("SHA-256 failed inside HMAC");
}

// Clears key material on every way out of a scope.
struct Wiper {
  void* data;
  std::size_t size;
  ~Wiper() { OPENSSL_cleanse(data, size); }
};
}  // namespace

PrefixedHmacSha256::PrefixedHmacSha256(const unsigned char* key, std::size_t keySize,
                                       std::string_view prefix)
    : inner_(EVP_MD_CTX_new()), outer_(EVP_MD_CTX_new()), work_(EVP_MD_CTX_new()) {
  try {
    if (inner_ == nullptr || outer_ == nullptr || work_ == nullptr) {
      throw Error("cannot allocate SHA-256 contexts");
    }
    // RFC 2104: a key longer than a block is replaced by its hash, then zero-padded.
    unsigned char block[kBlock] = {};
    unsigned char pad[kBlock];
    Wiper wipeBlock{block, sizeof block};
    Wiper wipePad{pad, sizeof pad};
    if (keySize > kBlock) {
      unsigned int size = 0;
      check(EVP_Digest(key, keySize, block, &size, EVP_sha256(), nullptr));
    } else {
      for (std::size_t i = 0; i < keySize; ++i) block[i] = key[i];
    }
    for (std::size_t i = 0; i < kBlock; ++i) pad[i] = static_cast<unsigned char>(block[i] ^ 0x36);
    check(EVP_DigestInit_ex(inner_, EVP_sha256(), nullptr));
    check(EVP_DigestUpdate(inner_, pad, kBlock));
    check(EVP_DigestUpdate(inner_, prefix.data(), prefix.size()));
    for (std::size_t i = 0; i < kBlock; ++i) pad[i] = static_cast<unsigned char>(block[i] ^ 0x5c);
    check(EVP_DigestInit_ex(outer_, EVP_sha256(), nullptr));
    check(EVP_DigestUpdate(outer_, pad, kBlock));
  } catch (...) {
    EVP_MD_CTX_free(inner_);
    EVP_MD_CTX_free(outer_);
    EVP_MD_CTX_free(work_);
    throw;
  }
}

PrefixedHmacSha256::~PrefixedHmacSha256() {
  // The provider clears the hash state when it frees it.
  EVP_MD_CTX_free(inner_);
  EVP_MD_CTX_free(outer_);
  EVP_MD_CTX_free(work_);
}

PrefixedHmacSha256::Mac PrefixedHmacSha256::mac(std::string_view suffix) {
  Mac innerHash;
  Mac out;
  unsigned int size = 0;
  check(EVP_MD_CTX_copy_ex(work_, inner_));
  check(EVP_DigestUpdate(work_, suffix.data(), suffix.size()));
  check(EVP_DigestFinal_ex(work_, innerHash.data(), &size));
  check(EVP_MD_CTX_copy_ex(work_, outer_));
  check(EVP_DigestUpdate(work_, innerHash.data(), innerHash.size()));
  check(EVP_DigestFinal_ex(work_, out.data(), &size));
  return out;
}

}  // namespace brobyg::pseudo
