#pragma once

// RAII owners for the OpenSSL objects the package module uses, and error reporting that
// carries OpenSSL's own error queue text.

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>
#include <vector>

namespace brobyg {
class OutputFile;
}

namespace brobyg::package::ossl {

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};

inline void freeBio(BIO* b) {
  BIO_free_all(b);
}
inline void freeX509Stack(STACK_OF(X509) * s) {
  sk_X509_pop_free(s, X509_free);
}

using BioPtr = std::unique_ptr<BIO, Deleter<BIO, freeBio>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using CmsPtr = std::unique_ptr<CMS_ContentInfo, Deleter<CMS_ContentInfo, CMS_ContentInfo_free>>;
using StorePtr = std::unique_ptr<X509_STORE, Deleter<X509_STORE, X509_STORE_free>>;
using X509StackPtr = std::unique_ptr<STACK_OF(X509), Deleter<STACK_OF(X509), freeX509Stack>>;

// Throws brobyg::Error "<what>: <OpenSSL error queue>" and clears the queue.
[[noreturn]] void fail(const std::string& what);
// The queue's text (empty when it is empty), cleared afterwards.
std::string drainErrors();

BioPtr openRead(const std::string& path);
BioPtr openWrite(const std::string& path);
// A write-only BIO that appends to `file`, so that CMS output gets OutputFile's fsync and
// AtomicFile's rename. `file` must outlive the BIO. A write failure inside the BIO is kept
// and rethrown by rethrowWriteError(), because exceptions must not unwind through OpenSSL.
BioPtr outputFileBio(OutputFile& file);
void rethrowWriteError(BIO* bio);

X509Ptr loadCertificate(const std::string& path);
// Refuses key files that others can read (util requirePrivateFile).
PkeyPtr loadPrivateKey(const std::string& path);
// One-line RFC 2253 subject.
std::string subjectOf(X509* cert);

}  // namespace brobyg::package::ossl
