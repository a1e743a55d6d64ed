#include "config/CertificateCheck.h"

#include <Poco/DateTime.h>
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

void checkRole(X509* cert, EVP_PKEY* key, CertificateRole role, const std::string& path,
               Problems& problems) {
  // UINT32_MAX: the extension is absent, which allows every use.
  uint32_t extended = X509_get_extended_key_usage(cert);
  if ((extended & (XKU_SMIME | XKU_ANYEKU)) == 0)
    problems.push_back(Problem::error(0, path +
                                             ": extended key usage does not allow S/MIME "
                                             "(emailProtection), which CMS verification requires"));
  uint32_t usage = X509_get_key_usage(cert);
  if (role == CertificateRole::Signer && (usage & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) == 0)
    problems.push_back(Problem::error(0, path + ": key usage does not allow digital signatures"));
  if (role != CertificateRole::Recipient) return;
  // X509_check_ca: 1 basicConstraints CA:TRUE, 3 a self-signed version 1 certificate,
  // 4 keyCertSign without basicConstraints, 5 a Netscape CA type.
  if (X509_check_ca(cert) != 0)
    problems.push_back(Problem::error(
        0, path + ": a CA certificate (basicConstraints CA:TRUE or keyCertSign) cannot be a "
                  "recipient; use the evaluator's own certificate (e.g. openssl req -x509 -addext "
                  "basicConstraints=critical,CA:FALSE)"));
  if (key != nullptr) {
    bool rsa = EVP_PKEY_is_a(key, "RSA");
    uint32_t needed = rsa ? KU_KEY_ENCIPHERMENT : KU_KEY_AGREEMENT;
    if ((usage & needed) == 0)
      problems.push_back(Problem::error(0, path + ": key usage does not allow " +
                                               (rsa ? "key encipherment" : "key agreement") +
                                               ", which encrypting to it needs"));
  }
}

}  // namespace

Problems CertificateReport::at(long line, const std::string& label) const {
  Problems placed = problems;
  for (Problem& p : placed) {
    p.line = line;
    p.message = label + p.message;
  }
  return placed;
}

CertificateReport inspectCertificate(const std::string& path, CertificateRole role, int warnDays) {
  CertificateReport report;
  auto error = [&](const std::string& text) {
    report.problems.push_back(Problem::error(0, path + ": " + text));
  };
  X509Ptr cert = readCertificate(path);
  if (!cert) {
    error("not a readable PEM certificate");
    return report;
  }
  char subject[512];
  X509_NAME_oneline(X509_get_subject_name(cert.get()), subject, sizeof(subject));
  report.subject = subject;
  report.notAfter = printTime(X509_get0_notAfter(cert.get()));
  if (X509_cmp_current_time(X509_get0_notBefore(cert.get())) > 0)
    error("certificate is not valid yet");
  if (X509_cmp_current_time(X509_get0_notAfter(cert.get())) < 0) {
    error("certificate expired on " + report.notAfter);
  } else {
    std::time_t soon = std::time(nullptr) + static_cast<std::time_t>(warnDays) * 86400;
    if (X509_cmp_time(X509_get0_notAfter(cert.get()), &soon) < 0)
      report.problems.push_back(
          Problem::warning(0, path + ": certificate expires soon, on " + report.notAfter));
  }
  EVP_PKEY* key = X509_get0_pubkey(cert.get());
  if (key == nullptr || (!EVP_PKEY_is_a(key, "RSA") && !EVP_PKEY_is_a(key, "EC")))
    error("certificate key must be RSA or EC");
  else if (EVP_PKEY_is_a(key, "RSA") && EVP_PKEY_get_bits(key) < 2048)
    error("RSA key shorter than 2048 bits");
  checkRole(cert.get(), key, role, path, report.problems);
  return report;
}

bool sameCertificateKey(const std::string& pathA, const std::string& pathB) {
  X509Ptr a = readCertificate(pathA);
  X509Ptr b = readCertificate(pathB);
  if (!a || !b) return false;
  EVP_PKEY* keyA = X509_get0_pubkey(a.get());
  EVP_PKEY* keyB = X509_get0_pubkey(b.get());
  return keyA != nullptr && keyB != nullptr && EVP_PKEY_eq(keyA, keyB) == 1;
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

std::optional<std::int64_t> certificateNotAfter(const std::string& path) {
  X509Ptr cert = readCertificate(path);
  std::tm when{};
  if (!cert || ASN1_TIME_to_tm(X509_get0_notAfter(cert.get()), &when) != 1) return std::nullopt;
  // ASN1_TIME_to_tm gives UTC; Poco::DateTime instead of timegm, which Windows lacks.
  const Poco::DateTime utc(when.tm_year + 1900, when.tm_mon + 1, when.tm_mday, when.tm_hour,
                           when.tm_min, when.tm_sec);
  return static_cast<std::int64_t>(utc.timestamp().epochTime());
}

Problems checkKeyMatchesCertificate(const std::string& keyPath,
                                    const std::string& certificatePath) {
  Problems problems;
  std::string why = privateFileProblem(keyPath);
  if (!why.empty()) {
    problems.push_back(Problem::error(0, keyPath + ": private key refused: " + why));
    if (why == "file does not exist") return problems;
  }
  BioPtr bio(BIO_new_file(keyPath.c_str(), "r"), &BIO_free);
  KeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr,
             &EVP_PKEY_free);
  if (!key) {
    problems.push_back(
        Problem::error(0, keyPath + ": not a readable, unencrypted PEM private key"));
    return problems;
  }
  X509Ptr cert = readCertificate(certificatePath);
  if (cert && X509_check_private_key(cert.get(), key.get()) != 1)
    problems.push_back(
        Problem::error(0, keyPath + ": private key does not belong to " + certificatePath));
  return problems;
}

}  // namespace brobyg::config
