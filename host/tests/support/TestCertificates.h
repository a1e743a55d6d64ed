#pragma once

#include <string>
#include <utility>
#include <vector>

namespace brobyg::test {

// Keys and certificates as the openssl CLI makes them on Linux (`openssl req -x509 -newkey
// ... -nodes`, `openssl x509 -req -CA ...`), made with libcrypto for the Windows build, where
// the tests cannot run the CLI. Built only for Windows.
struct CertificateSpec {
  std::string subject;               // as openssl's -subj: "/C=DK/O=Testkommune/CN=brobyg signer"
  bool rsa = false;                  // RSA 3072, else EC P-256
  long days = 30;                    // valid from now; negative: expired already
  std::string issuerCrt, issuerKey;  // empty: self-signed
  // Extensions as in an openssl.cnf section, in order: name, value.
  std::vector<std::pair<std::string, std::string>> extensions;
};

// What Debian's openssl.cnf gives a self-signed certificate (its v3_ca section).
std::vector<std::pair<std::string, std::string>> selfSignedExtensions(
    const std::string& basicConstraints = "critical,CA:true");

// Writes the new key (PKCS#8 PEM, owner read and write only) and its certificate (PEM).
void writeCertificate(const std::string& crtPath, const std::string& keyPath,
                      const CertificateSpec& spec);

// The https and rest plugin tests' PKI: a CA "/O=brobyg test/CN=<name>" (keyCertSign) as
// <dir>/<name>.crt and .key, and a leaf "/O=brobyg test/CN=<cn>" issued by <dir>/<issuer>.crt
// with the extended key usage `usage` and, unless empty, the subjectAltName `altNames`.
void writeTestCa(const std::string& dir, const std::string& name);
void writeTestLeaf(const std::string& dir, const std::string& name, const std::string& issuer,
                   const std::string& cn, const std::string& usage, const std::string& altNames);

}  // namespace brobyg::test
