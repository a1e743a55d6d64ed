#include "package/Cms.h"

#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/rsa.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include "package/CmsInspect.h"
#include "package/InputFile.h"
#include "package/OpenSslUtil.h"
#include "util/AtomicFile.h"
#include "util/Error.h"
#include "util/Utf8Path.h"

namespace brobyg::package {
using namespace ossl;

namespace {

constexpr std::size_t kBufferSize = 256 * 1024;
constexpr std::size_t kMinGcmTagBytes = 16;

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

// Frees the BIOs that BIO_new_NDEF stacked on top of `sink`, leaving `sink` itself.
class NdefChain {
 public:
  NdefChain(BIO* top, BIO* sink) : top_(top), sink_(sink) {}
  ~NdefChain() {
    BIO* bio = top_;
    while (bio != nullptr && bio != sink_) {
      BIO* next = BIO_pop(bio);
      BIO_free(bio);
      bio = next;
    }
  }
  NdefChain(const NdefChain&) = delete;
  NdefChain& operator=(const NdefChain&) = delete;
  BIO* get() const { return top_; }

 private:
  BIO* top_;
  BIO* sink_;
};

// The chains of nested layers, freed innermost first (each down to the layer below it).
struct NdefLayers {
  std::vector<std::unique_ptr<NdefChain>> chains;
  ~NdefLayers() {
    while (!chains.empty()) chains.pop_back();
  }
  void push_back(std::unique_ptr<NdefChain> chain) { chains.push_back(std::move(chain)); }
};

// Streams `inPath` through the CMS structures in `layers` (outermost first: the envelope,
// then the signature inside it) into `out` with a fixed buffer: what i2d_CMS_bio_stream does,
// but nested, so that a signed and enveloped file takes one pass and no plaintext scratch
// file, and with every write and the final flush checked. Flushing the innermost layer's
// chain writes its trailer (the signer infos) into the next layer and flushes that one too.
void streamCms(const std::vector<CMS_ContentInfo*>& layers, const std::string& inPath,
               OutputFile& out, const std::string& what) {
  std::unique_ptr<std::FILE, FileCloser> in(openFileUtf8(inPath, "rb"));
  if (!in) throw Error(inPath + ": cannot open for reading: " + std::strerror(errno));
  BioPtr sink = outputFileBio(out);
  NdefLayers chains;
  BIO* top = sink.get();
  for (CMS_ContentInfo* cms : layers) {
    BIO* next =
        BIO_new_NDEF(top, reinterpret_cast<ASN1_VALUE*>(cms), ASN1_ITEM_rptr(CMS_ContentInfo));
    if (next == nullptr) {
      rethrowWriteError(sink.get());
      fail(what + ": cannot start streaming");
    }
    chains.push_back(std::make_unique<NdefChain>(next, top));
    top = next;
  }
  std::vector<char> buffer(kBufferSize);
  for (;;) {
    std::size_t n = std::fread(buffer.data(), 1, buffer.size(), in.get());
    if (n < buffer.size() && std::ferror(in.get())) throw Error(inPath + ": read error");
    if (n == 0) break;
    if (BIO_write(top, buffer.data(), static_cast<int>(n)) != static_cast<int>(n)) {
      rethrowWriteError(sink.get());
      fail(what + ": write failed");
    }
  }
  if (BIO_flush(top) != 1) {
    rethrowWriteError(sink.get());
    fail(what + ": cannot finish the CMS structure");
  }
  rethrowWriteError(sink.get());
}

void checkKeyMatches(X509* cert, EVP_PKEY* key, const std::string& certPath,
                     const std::string& keyPath) {
  if (X509_check_private_key(cert, key) != 1)
    fail(keyPath + ": private key does not belong to the certificate " + certPath);
}

void checkSize(const InputFile& in, std::uint64_t maxBytes) {
  if (in.size() > maxBytes)
    throw Error(in.path() + ": " + std::to_string(in.size()) +
                " bytes exceeds the package size limit of " + std::to_string(maxBytes) + " bytes");
}

// Parses the CMS structure from the same open file the checks read.
CmsPtr readCms(InputFile& in, int expectedNid, const std::string& expectedName) {
  BioPtr bio = in.bio();
  CmsPtr cms(d2i_CMS_bio(bio.get(), nullptr));
  if (!cms) fail(in.path() + ": not a DER/BER CMS structure");
  if (OBJ_obj2nid(CMS_get0_type(cms.get())) != expectedNid)
    throw Error(in.path() + ": CMS content type is not " + expectedName);
  return cms;
}

std::string derOf(X509* cert) {
  unsigned char* out = nullptr;
  int n = i2d_X509(cert, &out);
  if (n <= 0) fail("cannot encode a certificate");
  std::string der(reinterpret_cast<char*>(out), static_cast<std::size_t>(n));
  OPENSSL_free(out);
  return der;
}

// The verified signer's certificate and the other certificates the structure carries.
trust::SignerCertificates signerCertificates(CMS_ContentInfo* cms, const std::string& path) {
  STACK_OF(X509)* signers = CMS_get0_signers(cms);
  if (signers == nullptr || sk_X509_num(signers) != 1) {
    sk_X509_free(signers);
    fail(path + ": not exactly one signer certificate");
  }
  X509* signer = sk_X509_value(signers, 0);
  trust::SignerCertificates result;
  result.signerDer = derOf(signer);
  X509StackPtr all(CMS_get1_certs(cms));
  for (int i = 0; all && i < sk_X509_num(all.get()); ++i)
    if (X509_cmp(sk_X509_value(all.get(), i), signer) != 0)
      result.othersDer.push_back(derOf(sk_X509_value(all.get(), i)));
  sk_X509_free(signers);
  return result;
}

void setRecipientParameters(CMS_RecipientInfo* ri, EVP_PKEY* publicKey, const std::string& path) {
  EVP_PKEY_CTX* pctx = CMS_RecipientInfo_get0_pkey_ctx(ri);
  if (pctx == nullptr) fail(path + ": recipient has no key context");
  if (EVP_PKEY_is_a(publicKey, "RSA")) {
    if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_OAEP_PADDING) <= 0 ||
        EVP_PKEY_CTX_set_rsa_oaep_md(pctx, EVP_sha256()) <= 0 ||
        EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha256()) <= 0)
      fail(path + ": cannot select RSA-OAEP with SHA-256");
  } else if (EVP_PKEY_is_a(publicKey, "EC")) {
    // OpenSSL's default KDF digest for CMS ECDH is SHA-1.
    if (EVP_PKEY_CTX_set_ecdh_kdf_md(pctx, EVP_sha256()) <= 0)
      fail(path + ": cannot select the SHA-256 KDF for ECDH");
  } else {
    throw Error(path + ": recipient key type not supported (RSA or EC only)");
  }
}

}  // namespace

namespace {

// SignedData ready to stream: one signer, SHA-256, content encapsulated, binary.
CmsPtr newSignedData(const std::string& signerCertPath, const std::string& signerKeyPath,
                     const std::string& what) {
  X509Ptr cert = loadCertificate(signerCertPath);
  PkeyPtr key = loadPrivateKey(signerKeyPath);
  checkKeyMatches(cert.get(), key.get(), signerCertPath, signerKeyPath);
  const unsigned int flags = CMS_PARTIAL | CMS_BINARY | CMS_STREAM;
  CmsPtr cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, flags));
  if (!cms) fail(what + ": cannot create SignedData");
  if (CMS_add1_signer(cms.get(), cert.get(), key.get(), EVP_sha256(), flags) == nullptr)
    fail(what + ": cannot add signer " + signerCertPath);
  return cms;
}

// AuthEnvelopedData (AES-256-GCM) ready to stream, with every recipient.
CmsPtr newEnvelope(const std::vector<std::string>& recipientCertPaths, const std::string& what) {
  if (recipientCertPaths.empty()) throw Error(what + ": no recipients");
  CmsPtr cms(CMS_AuthEnvelopedData_create(EVP_aes_256_gcm()));
  if (!cms) fail(what + ": cannot create AuthEnvelopedData");
  for (const std::string& path : recipientCertPaths) {
    X509Ptr cert = loadCertificate(path);
    if (X509_cmp_current_time(X509_get0_notAfter(cert.get())) < 0)
      throw Error(path + ": recipient certificate has expired");
    EVP_PKEY* publicKey = X509_get0_pubkey(cert.get());
    if (publicKey == nullptr) fail(path + ": cannot read the certificate's public key");
    CMS_RecipientInfo* ri = CMS_add1_recipient_cert(cms.get(), cert.get(), CMS_KEY_PARAM);
    if (ri == nullptr) fail(what + ": cannot add recipient " + path);
    setRecipientParameters(ri, publicKey, path);
  }
  return cms;
}

// Streams `inPath` through `layers` into `outPath` (atomic, fsynced, hashed while written);
// `beforeCommit` may still refuse the file.
FileDigest writeLayers(const std::vector<CMS_ContentInfo*>& layers, const std::string& inPath,
                       const std::string& outPath, const std::string& what,
                       const std::function<void()>& beforeCommit) {
  AtomicFile out(outPath);
  out.hashContent();
  streamCms(layers, inPath, out, what);
  FileDigest digest{out.contentSha256(), out.bytesWritten()};
  if (beforeCommit) beforeCommit();
  out.commit();
  return digest;
}

}  // namespace

void signFile(const std::string& inPath, const std::string& outPath,
              const std::string& signerCertPath, const std::string& signerKeyPath,
              Durability durability) {
  const std::string what = "CMS sign " + inPath;
  CmsPtr cms = newSignedData(signerCertPath, signerKeyPath, what);
  AtomicFile out(outPath, true, durability);
  streamCms({cms.get()}, inPath, out, what);
  out.commit();
}

FileDigest envelopeFile(const std::string& inPath, const std::string& outPath,
                        const std::vector<std::string>& recipientCertPaths) {
  const std::string what = "CMS envelope " + inPath;
  CmsPtr cms = newEnvelope(recipientCertPaths, what);
  return writeLayers({cms.get()}, inPath, outPath, what, {});
}

FileDigest signAndEnvelopeFile(const std::string& inPath, const std::string& outPath,
                               const std::string& signerCertPath, const std::string& signerKeyPath,
                               const std::vector<std::string>& recipientCertPaths,
                               const std::function<void()>& beforeCommit) {
  const std::string what = "CMS sign and envelope " + inPath;
  CmsPtr envelope = newEnvelope(recipientCertPaths, what);
  CmsPtr signedData = newSignedData(signerCertPath, signerKeyPath, what);
  return writeLayers({envelope.get(), signedData.get()}, inPath, outPath, what, beforeCommit);
}

void decryptFile(InputFile& in, const std::string& outPath, const std::string& recipientCertPath,
                 const std::string& recipientKeyPath, std::uint64_t maxPackageBytes) {
  checkSize(in, maxPackageBytes);
  requireSingleBerElement(in);
  std::size_t tag = authEnvelopedTagLength(in);
  if (tag < kMinGcmTagBytes)
    throw Error(in.path() + ": GCM tag of " + std::to_string(tag) + " bytes refused (need " +
                std::to_string(kMinGcmTagBytes) + ")");
  X509Ptr cert = loadCertificate(recipientCertPath);
  PkeyPtr key = loadPrivateKey(recipientKeyPath);
  checkKeyMatches(cert.get(), key.get(), recipientCertPath, recipientKeyPath);
  CmsPtr cms = readCms(in, NID_id_smime_ct_authEnvelopedData, "AuthEnvelopedData");

  AtomicFile out(outPath);  // removed unless committed: may hold unauthenticated bytes
  BioPtr sink = outputFileBio(out);
  // The certificate is always passed: without it a wrong key yields random bytes, not an
  // error (CHECKLIST "CMS").
  if (CMS_decrypt(cms.get(), key.get(), cert.get(), nullptr, sink.get(), CMS_BINARY) != 1) {
    rethrowWriteError(sink.get());
    fail(in.path() + ": decryption failed (wrong key, not a recipient, or tampered)");
  }
  rethrowWriteError(sink.get());
  out.commit();
}

void decryptFile(const std::string& inPath, const std::string& outPath,
                 const std::string& recipientCertPath, const std::string& recipientKeyPath,
                 std::uint64_t maxPackageBytes) {
  InputFile in(inPath);
  decryptFile(in, outPath, recipientCertPath, recipientKeyPath, maxPackageBytes);
}

trust::SignerCertificates verifySignedFile(const std::string& inPath, const std::string& outPath,
                                           const AcceptSigner& acceptSigner,
                                           std::uint64_t maxPackageBytes) {
  InputFile in(inPath);
  checkSize(in, maxPackageBytes);
  requireSingleBerElement(in);
  CmsPtr cms = readCms(in, NID_pkcs7_signed, "SignedData");
  if (sk_CMS_SignerInfo_num(CMS_get0_SignerInfos(cms.get())) != 1)
    throw Error(inPath + ": not exactly one signer");

  AtomicFile out(outPath);  // removed unless committed
  BioPtr sink = outputFileBio(out);
  // Signature and content digest only: the signer's certificate is judged by acceptSigner
  // against the pins, never by a CA store (a certificate from the same CA is not enough).
  if (CMS_verify(cms.get(), nullptr, nullptr, nullptr, sink.get(),
                 CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) != 1) {
    rethrowWriteError(sink.get());
    fail(inPath + ": signature verification failed");
  }
  rethrowWriteError(sink.get());
  trust::SignerCertificates signer = signerCertificates(cms.get(), inPath);
  acceptSigner(signer);
  out.commit();
  return signer;
}

}  // namespace brobyg::package
