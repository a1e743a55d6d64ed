#include "TestCertificates.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "FileMode.h"

namespace brobyg::test {
namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Cert = std::unique_ptr<X509, decltype(&X509_free)>;
using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;

void check(bool ok, const std::string& what) {
  if (!ok) throw std::runtime_error("libcrypto failed: " + what);
}

Bio openFile(const std::string& path, const char* mode) {
  Bio bio(BIO_new_file(path.c_str(), mode), BIO_free);
  check(bio != nullptr, path);
  return bio;
}

Key readKey(const std::string& path) {
  Key key(PEM_read_bio_PrivateKey(openFile(path, "rb").get(), nullptr, nullptr, nullptr),
          EVP_PKEY_free);
  check(key != nullptr, path);
  return key;
}

Cert readCert(const std::string& path) {
  Cert cert(PEM_read_bio_X509(openFile(path, "rb").get(), nullptr, nullptr, nullptr), X509_free);
  check(cert != nullptr, path);
  return cert;
}

void addSubject(X509_NAME* name, const std::string& subject) {
  std::size_t at = 1;
  while (at < subject.size()) {
    const std::size_t equals = subject.find('=', at);
    check(equals != std::string::npos, subject);
    const std::size_t next = std::min(subject.find('/', equals), subject.size());
    const std::string field = subject.substr(at, equals - at);
    const std::string value = subject.substr(equals + 1, next - equals - 1);
    check(X509_NAME_add_entry_by_txt(name, field.c_str(), MBSTRING_UTF8,
                                     reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1,
                                     0) == 1,
          subject);
    at = next + 1;
  }
}

}  // namespace

std::vector<std::pair<std::string, std::string>> selfSignedExtensions(
    const std::string& basicConstraints) {
  return {{"subjectKeyIdentifier", "hash"},
          {"authorityKeyIdentifier", "keyid:always,issuer"},
          {"basicConstraints", basicConstraints}};
}

void writeCertificate(const std::string& crtPath, const std::string& keyPath,
                      const CertificateSpec& spec) {
  static long serial = 1;
  Key key(spec.rsa ? EVP_RSA_gen(3072) : EVP_EC_gen("P-256"), EVP_PKEY_free);
  check(key != nullptr, "key generation");
  const bool selfSigned = spec.issuerCrt.empty();
  Cert issuer(nullptr, X509_free);
  Key issuerKey(nullptr, EVP_PKEY_free);
  if (!selfSigned) {
    issuer = readCert(spec.issuerCrt);
    issuerKey = readKey(spec.issuerKey);
  }

  Cert cert(X509_new(), X509_free);
  X509* x = cert.get();
  check(x != nullptr && X509_set_version(x, 2) == 1, "certificate");
  check(ASN1_INTEGER_set(X509_get_serialNumber(x), serial++) == 1, "serial");
  check(X509_gmtime_adj(X509_getm_notBefore(x), 0) != nullptr, "notBefore");
  check(X509_gmtime_adj(X509_getm_notAfter(x), spec.days * 86400) != nullptr, "notAfter");
  check(X509_set_pubkey(x, key.get()) == 1, "public key");
  addSubject(X509_get_subject_name(x), spec.subject);
  check(X509_set_issuer_name(x, X509_get_subject_name(selfSigned ? x : issuer.get())) == 1,
        "issuer");
  for (const auto& [name, value] : spec.extensions) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, selfSigned ? x : issuer.get(), x, nullptr, nullptr, 0);
    X509_EXTENSION* extension = X509V3_EXT_nconf(nullptr, &ctx, name.c_str(), value.c_str());
    check(extension != nullptr, name + "=" + value);
    const bool added = X509_add_ext(x, extension, -1) == 1;
    X509_EXTENSION_free(extension);
    check(added, name + "=" + value);
  }
  check(X509_sign(x, selfSigned ? key.get() : issuerKey.get(), EVP_sha256()) > 0, "signature");

  check(PEM_write_bio_PrivateKey(openFile(keyPath, "wb").get(), key.get(), nullptr, nullptr, 0,
                                 nullptr, nullptr) == 1,
        keyPath);
  setFileMode(keyPath, 0600);
  check(PEM_write_bio_X509(openFile(crtPath, "wb").get(), x) == 1, crtPath);
}

void writeTestCa(const std::string& dir, const std::string& name) {
  auto extensions = selfSignedExtensions("critical,CA:TRUE");
  extensions.emplace_back("keyUsage", "critical,keyCertSign");
  writeCertificate(dir + "/" + name + ".crt", dir + "/" + name + ".key",
                   {"/O=brobyg test/CN=" + name, false, 30, "", "", extensions});
}

void writeTestLeaf(const std::string& dir, const std::string& name, const std::string& issuer,
                   const std::string& cn, const std::string& usage, const std::string& altNames) {
  std::vector<std::pair<std::string, std::string>> extensions = {
      {"basicConstraints", "critical,CA:FALSE"},
      {"subjectKeyIdentifier", "hash"},
      {"authorityKeyIdentifier", "keyid,issuer"},
      {"extendedKeyUsage", usage}};
  if (!altNames.empty()) extensions.emplace_back("subjectAltName", altNames);
  writeCertificate(dir + "/" + name + ".crt", dir + "/" + name + ".key",
                   {"/O=brobyg test/CN=" + cn, false, 30, dir + "/" + issuer + ".crt",
                    dir + "/" + issuer + ".key", extensions});
}

}  // namespace brobyg::test
