#include "pseudo/Hkdf.h"

#include <openssl/core_names.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include <memory>

#include "util/Error.h"

namespace brobyg::pseudo {

namespace {
struct KdfDeleter {
  void operator()(EVP_KDF* kdf) const { EVP_KDF_free(kdf); }
  void operator()(EVP_KDF_CTX* ctx) const { EVP_KDF_CTX_free(ctx); }
};
}  // namespace

void hkdfSha256(const unsigned char* ikm, std::size_t ikmSize, const unsigned char* salt,
                std::size_t saltSize, std::string_view info, unsigned char* out,
                std::size_t outSize) {
  std::unique_ptr<EVP_KDF, KdfDeleter> kdf(EVP_KDF_fetch(nullptr, OSSL_KDF_NAME_HKDF, nullptr));
  if (!kdf) throw Error("HKDF is not available in this OpenSSL");
  std::unique_ptr<EVP_KDF_CTX, KdfDeleter> ctx(EVP_KDF_CTX_new(kdf.get()));
  if (!ctx) throw Error("cannot create an HKDF context");

  // OSSL_PARAM takes non-const pointers but only reads them for derive input.
  char digest[] = "SHA256";
  OSSL_PARAM params[5];
  OSSL_PARAM* p = params;
  *p++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0);
  *p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, const_cast<unsigned char*>(ikm),
                                           ikmSize);
  if (saltSize > 0) {
    *p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, const_cast<unsigned char*>(salt),
                                             saltSize);
  }
  *p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, const_cast<char*>(info.data()),
                                           info.size());
  *p = OSSL_PARAM_construct_end();
  if (EVP_KDF_derive(ctx.get(), out, outSize, params) != 1) throw Error("HKDF derivation failed");
}

}  // namespace brobyg::pseudo
