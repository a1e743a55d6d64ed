// pem.h first: cms.h declares PEM_read_bio_CMS only when pem.h's macros exist.
// clang-format off
#include <openssl/pem.h>
#include <openssl/cms.h>
// clang-format on

#include "package/OpenSslUtil.h"
#include "receipt/Receipt.h"
#include "trust/Certificate.h"
#include "util/Error.h"

namespace brobyg::receipt {

using namespace package::ossl;

namespace {

// A signed receipt is a few kilobytes (XML plus one certificate chain); refuse anything
// that could make the PEM and CMS parsers work on megabytes.
constexpr std::size_t kMaxPemBytes = 64 * 1024;

std::string derOf(X509* cert) {
  unsigned char* out = nullptr;
  int n = i2d_X509(cert, &out);
  if (n <= 0) fail("receipt: cannot encode a certificate");
  std::string der(reinterpret_cast<char*>(out), static_cast<std::size_t>(n));
  OPENSSL_free(out);
  return der;
}

std::string memText(BIO* mem) {
  char* data = nullptr;
  long size = BIO_get_mem_data(mem, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

BioPtr memBio() {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio) fail("receipt: cannot allocate memory BIO");
  return bio;
}

CmsPtr readPem(std::string_view pem) {
  if (pem.size() > kMaxPemBytes)
    throw Error("receipt: larger than " + std::to_string(kMaxPemBytes) + " bytes");
  BioPtr in(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!in) fail("receipt: cannot allocate memory BIO");
  CmsPtr cms(PEM_read_bio_CMS(in.get(), nullptr, nullptr, nullptr));
  if (!cms) fail("receipt: not a PEM CMS structure");
  // Whatever follows the PEM block would not be covered by the signature.
  char rest[256];
  int n = 0;
  while ((n = BIO_read(in.get(), rest, sizeof rest)) > 0)
    for (int i = 0; i < n; ++i)
      if (rest[i] != '\n' && rest[i] != '\r' && rest[i] != ' ' && rest[i] != '\t')
        throw Error("receipt: bytes after the PEM block");
  if (OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed)
    throw Error("receipt: CMS content type is not SignedData");
  if (sk_CMS_SignerInfo_num(CMS_get0_SignerInfos(cms.get())) != 1)
    throw Error("receipt: not exactly one signer");
  return cms;
}

// The DER of the one verified signer.
std::string signerDer(CMS_ContentInfo* cms) {
  STACK_OF(X509)* signers = CMS_get0_signers(cms);
  if (signers == nullptr || sk_X509_num(signers) != 1) {
    sk_X509_free(signers);
    fail("receipt: not exactly one signer certificate");
  }
  std::string der = derOf(sk_X509_value(signers, 0));
  sk_X509_free(signers);
  return der;
}

}  // namespace

std::string sign(const Receipt& receipt, const std::string& certPemPath,
                 const std::string& keyPemPath) {
  const std::string xml = toXml(receipt);
  X509Ptr cert = loadCertificate(certPemPath);
  PkeyPtr key = loadPrivateKey(keyPemPath);
  if (X509_check_private_key(cert.get(), key.get()) != 1)
    fail(keyPemPath + ": private key does not belong to the certificate " + certPemPath);
  BioPtr content(BIO_new_mem_buf(xml.data(), static_cast<int>(xml.size())));
  if (!content) fail("receipt: cannot allocate memory BIO");
  const unsigned int flags = CMS_BINARY | CMS_PARTIAL;
  CmsPtr cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, flags));
  if (!cms) fail("receipt: cannot create SignedData");
  if (CMS_add1_signer(cms.get(), cert.get(), key.get(), EVP_sha256(), flags) == nullptr)
    fail("receipt: cannot add signer " + certPemPath);
  if (CMS_final(cms.get(), content.get(), nullptr, flags) != 1)
    fail("receipt: cannot sign with " + certPemPath);
  BioPtr out = memBio();
  if (PEM_write_bio_CMS(out.get(), cms.get()) != 1) fail("receipt: cannot write PEM");
  return memText(out.get());
}

Receipt verify(std::string_view pem, const std::string& pinnedCertPemPath) {
  const std::string pinned = trust::readPemCertificate(pinnedCertPemPath);
  CmsPtr cms = readPem(pem);
  BioPtr out = memBio();
  // The signature and content digest only; whether the signer may sign receipts is the pin's
  // decision below, never a CA store's.
  if (CMS_verify(cms.get(), nullptr, nullptr, nullptr, out.get(),
                 CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) != 1)
    fail("receipt: signature verification failed");
  const std::string signer = signerDer(cms.get());
  if (signer != pinned)
    throw Error("receipt: signed by " + trust::describe(signer) +
                ", not by the pinned receiver certificate " + trust::describe(pinned) + " (" +
                pinnedCertPemPath + ")");
  return parseXml(memText(out.get()), "receipt from " + trust::subjectOf(signer));
}

}  // namespace brobyg::receipt
