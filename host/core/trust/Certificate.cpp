#include "trust/Certificate.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <memory>

#include "util/Error.h"
#include "util/Hex.h"
#include "util/Sha256.h"

namespace brobyg::trust {

namespace {

struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
struct BioFree {
  void operator()(BIO* b) const { BIO_free_all(b); }
};
struct StoreFree {
  void operator()(X509_STORE* s) const { X509_STORE_free(s); }
};
struct StoreCtxFree {
  void operator()(X509_STORE_CTX* c) const { X509_STORE_CTX_free(c); }
};
struct StackFree {
  void operator()(STACK_OF(X509) * s) const { sk_X509_pop_free(s, X509_free); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;

std::string openSslErrors() {
  std::string text;
  while (unsigned long code = ERR_get_error()) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    text += text.empty() ? "" : "; ";
    text += buffer;
  }
  return text;
}

X509Ptr parse(const std::string& der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (!cert) throw Error("not a DER certificate: " + openSslErrors());
  return cert;
}

std::string toDer(X509* cert) {
  unsigned char* out = nullptr;
  int n = i2d_X509(cert, &out);
  if (n <= 0) throw Error("cannot encode a certificate: " + openSslErrors());
  std::string der(reinterpret_cast<char*>(out), static_cast<std::size_t>(n));
  OPENSSL_free(out);
  return der;
}

}  // namespace

std::string readPemCertificate(const std::string& path) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new_file(path.c_str(), "rb"));
  if (!bio) throw Error(path + ": cannot open for reading: " + openSslErrors());
  X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!cert) throw Error(path + ": cannot read PEM certificate: " + openSslErrors());
  return toDer(cert.get());
}

std::string fingerprint(const std::string& der) {
  return Sha256::hexOf(der);
}

std::string subjectOf(const std::string& der) {
  X509Ptr cert = parse(der);
  std::unique_ptr<BIO, BioFree> mem(BIO_new(BIO_s_mem()));
  if (!mem ||
      X509_NAME_print_ex(mem.get(), X509_get_subject_name(cert.get()), 0, XN_FLAG_RFC2253) < 0)
    throw Error("cannot print a certificate subject: " + openSslErrors());
  char* data = nullptr;
  long size = BIO_get_mem_data(mem.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

std::string describe(const std::string& der) {
  return "subject '" + subjectOf(der) + "' (SHA-256 " + fingerprint(der) + ")";
}

void requireValidNow(const std::string& der, const std::string& what) {
  X509Ptr cert = parse(der);
  if (X509_cmp_current_time(X509_get0_notBefore(cert.get())) >= 0)
    throw Error(what + ": certificate " + describe(der) + " is not valid yet");
  if (X509_cmp_current_time(X509_get0_notAfter(cert.get())) <= 0)
    throw Error(what + ": certificate " + describe(der) + " has expired");
}

void requireChainTo(const std::string& der, const std::vector<std::string>& othersDer,
                    const std::string& caDer, const std::string& what) {
  X509Ptr cert = parse(der);
  X509Ptr ca = parse(caDer);
  std::unique_ptr<X509_STORE, StoreFree> store(X509_STORE_new());
  std::unique_ptr<STACK_OF(X509), StackFree> untrusted(sk_X509_new_null());
  if (!store || !untrusted || X509_STORE_add_cert(store.get(), ca.get()) != 1)
    throw Error(what + ": cannot set up chain verification: " + openSslErrors());
  for (const std::string& other : othersDer) {
    X509Ptr x = parse(other);
    if (sk_X509_push(untrusted.get(), x.get()) <= 0)
      throw Error(what + ": cannot set up chain verification: " + openSslErrors());
    x.release();
  }
  std::unique_ptr<X509_STORE_CTX, StoreCtxFree> ctx(X509_STORE_CTX_new());
  // No X509_V_FLAG_PARTIAL_CHAIN: the chain must end at the pinned CA itself.
  if (!ctx || X509_STORE_CTX_init(ctx.get(), store.get(), cert.get(), untrusted.get()) != 1 ||
      X509_STORE_CTX_set_default(ctx.get(), "smime_sign") != 1)
    throw Error(what + ": cannot set up chain verification: " + openSslErrors());
  if (X509_verify_cert(ctx.get()) != 1) {
    int code = X509_STORE_CTX_get_error(ctx.get());
    ERR_clear_error();
    throw Error(what + ": certificate " + describe(der) +
                " does not chain to the pinned CA: " + X509_verify_cert_error_string(code));
  }
}

}  // namespace brobyg::trust
