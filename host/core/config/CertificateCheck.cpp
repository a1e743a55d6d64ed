#include "config/CertificateCheck.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <memory>

#include "util/Error.h"
#include "util/FileSecurity.h"
#include "util/Hex.h"

namespace brobyg::config {

namespace {

using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;
using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;

X509Ptr readCertificate(const std::string& path) {
  BioPtr bio(BIO_new_file(path.c_str(), "r"), &BIO_free);
  if (!bio) return X509Ptr(nullptr, &X509_free);
  return X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), &X509_free);
}

std::string printTime(const ASN1_TIME* t) {
  BioPtr bio(BIO_new(BIO_s_mem()), &BIO_free);
  ASN1_TIME_print(bio.get(), t);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

}  // namespace

CertificateReport inspectCertificate(const std::string& path, CertificateRole role, int warnDays) {
  CertificateReport report;
  X509Ptr cert = readCertificate(path);
  if (!cert) {
    report.errors.push_back(path + ": not a readable PEM certificate");
    return report;
  }
  char subject[512];
  X509_NAME_oneline(X509_get_subject_name(cert.get()), subject, sizeof(subject));
  report.subject = subject;
  report.notAfter = printTime(X509_get0_notAfter(cert.get()));
  if (X509_cmp_current_time(X509_get0_notBefore(cert.get())) > 0)
    report.errors.push_back(path + ": certificate is not valid yet");
  if (X509_cmp_current_time(X509_get0_notAfter(cert.get())) < 0) {
    report.errors.push_back(path + ": certificate expired on " + report.notAfter);
  } else {
    std::time_t soon = std::time(nullptr) + static_cast<std::time_t>(warnDays) * 86400;
    if (X509_cmp_time(X509_get0_notAfter(cert.get()), &soon) < 0)
      report.warnings.push_back(path + ": certificate expires soon, on " + report.notAfter);
  }
  EVP_PKEY* key = X509_get0_pubkey(cert.get());
  if (key == nullptr || (!EVP_PKEY_is_a(key, "RSA") && !EVP_PKEY_is_a(key, "EC")))
    report.errors.push_back(path + ": certificate key must be RSA or EC");
  else if (EVP_PKEY_is_a(key, "RSA") && EVP_PKEY_get_bits(key) < 2048)
    report.errors.push_back(path + ": RSA key shorter than 2048 bits");

  // UINT32_MAX: the extension is absent, which allows every use.
  uint32_t extended = X509_get_extended_key_usage(cert.get());
  if ((extended & (XKU_SMIME | XKU_ANYEKU)) == 0)
    report.errors.push_back(path +
                            ": extended key usage does not allow S/MIME "
                            "(emailProtection), which CMS verification requires");
  uint32_t usage = X509_get_key_usage(cert.get());
  if (role == CertificateRole::Signer && (usage & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) == 0)
    report.errors.push_back(path + ": key usage does not allow digital signatures");
  if (role == CertificateRole::Recipient && key != nullptr) {
    bool rsa = EVP_PKEY_is_a(key, "RSA");
    uint32_t needed = rsa ? KU_KEY_ENCIPHERMENT : KU_KEY_AGREEMENT;
    if ((usage & needed) == 0)
      report.errors.push_back(path + ": key usage does not allow " +
                              (rsa ? "key encipherment" : "key agreement") +
                              ", which encrypting to it needs");
  }
  return report;
}

std::string certificateFingerprint(const std::string& path) {
  X509Ptr cert = readCertificate(path);
  if (!cert) throw Error(path + ": not a readable PEM certificate");
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (X509_digest(cert.get(), EVP_sha256(), digest, &size) != 1)
    throw Error(path + ": cannot compute the certificate's fingerprint");
  return toHex(digest, size);
}

std::vector<std::string> checkKeyMatchesCertificate(const std::string& keyPath,
                                                    const std::string& certificatePath) {
  std::vector<std::string> problems;
  std::string why = privateFileProblem(keyPath);
  if (!why.empty()) {
    problems.push_back(keyPath + ": private key refused: " + why);
    if (why == "file does not exist") return problems;
  }
  BioPtr bio(BIO_new_file(keyPath.c_str(), "r"), &BIO_free);
  KeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr,
             &EVP_PKEY_free);
  if (!key) {
    problems.push_back(keyPath + ": not a readable, unencrypted PEM private key");
    return problems;
  }
  X509Ptr cert = readCertificate(certificatePath);
  if (cert && X509_check_private_key(cert.get(), key.get()) != 1)
    problems.push_back(keyPath + ": private key does not belong to " + certificatePath);
  return problems;
}

}  // namespace brobyg::config
