#include "TestPki.h"

#ifdef _WIN32
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>

#include "FileMode.h"
#include "TestCertificates.h"
#else
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#endif

#include <stdexcept>

namespace brobyg::https::test {

#ifdef _WIN32
// The same certificates with libcrypto (host/tests/support/TestCertificates.h): a program
// under Wine cannot start the openssl command line.
TestPki::TestPki() {
  const std::string d = dir_.path() + "/";
  auto ca = [&](const std::string& name) { brobyg::test::writeTestCa(dir_.path(), name); };
  auto leaf = [&](const std::string& name, const std::string& issuer, const std::string& cn,
                  const std::string& usage, const std::string& altNames) {
    brobyg::test::writeTestLeaf(dir_.path(), name, issuer, cn, usage, altNames);
  };
  ca("ca");
  ca("other_ca");
  ca("client_ca");
  leaf("server", "ca", "localhost", "serverAuth", "DNS:localhost,IP:127.0.0.1");
  leaf("other_server", "other_ca", "localhost", "serverAuth", "DNS:localhost,IP:127.0.0.1");
  leaf("wrong_name", "ca", "elsewhere.example", "serverAuth", "DNS:elsewhere.example");
  leaf("client", "client_ca", "Kommune 0101", "clientAuth", "");
  leaf("stranger", "other_ca", "Kommune 0101", "clientAuth", "");
  // client.key under AES-256 with the passphrase, as `openssl pkey -aes256` writes it.
  using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
  using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
  Bio in(BIO_new_file((d + "client.key").c_str(), "rb"), BIO_free);
  Key key(in ? PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr) : nullptr,
          EVP_PKEY_free);
  Bio out(BIO_new_file((d + "client_pass.key").c_str(), "wb"), BIO_free);
  static const char kPassphrase[] = "test-passphrase";
  if (!key || !out ||
      PEM_write_bio_PKCS8PrivateKey(out.get(), key.get(), EVP_aes_256_cbc(), kPassphrase,
                                    static_cast<int>(sizeof kPassphrase - 1), nullptr,
                                    nullptr) != 1)
    throw std::runtime_error("test PKI: cannot write client_pass.key");
  out.reset();
  brobyg::test::setFileMode(d + "client_pass.key", 0600);
}
#else
namespace {

void must(const std::string& command) {
  if (std::system((command + " >/dev/null 2>&1").c_str()) != 0)
    throw std::runtime_error("test PKI: failed: " + command);
}

void writeText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("test PKI: cannot write " + path);
}

const std::string kNewKey = "-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes";

}  // namespace

TestPki::TestPki() {
  const std::string d = dir_.path() + "/";
  auto ca = [&](const std::string& name) {
    must("openssl req -x509 " + kNewKey + " -keyout " + d + name + ".key -out " + d + name +
         ".crt -days 30 -subj '/O=brobyg test/CN=" + name +
         "' -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign");
  };
  auto leaf = [&](const std::string& name, const std::string& issuer, const std::string& cn,
                  const std::string& extensions) {
    writeText(d + name + ".ext", "basicConstraints=critical,CA:FALSE\n" + extensions);
    must("openssl req -new " + kNewKey + " -keyout " + d + name + ".key -out " + d + name +
         ".csr -subj '/O=brobyg test/CN=" + cn + "'");
    must("openssl x509 -req -in " + d + name + ".csr -CA " + d + issuer + ".crt -CAkey " + d +
         issuer + ".key -CAcreateserial -days 30 -extfile " + d + name + ".ext -out " + d + name +
         ".crt");
    ::chmod((d + name + ".key").c_str(), 0600);
  };
  const std::string server = "extendedKeyUsage=serverAuth\nsubjectAltName=";
  ca("ca");
  ca("other_ca");
  ca("client_ca");
  leaf("server", "ca", "localhost", server + "DNS:localhost,IP:127.0.0.1\n");
  leaf("other_server", "other_ca", "localhost", server + "DNS:localhost,IP:127.0.0.1\n");
  leaf("wrong_name", "ca", "elsewhere.example", server + "DNS:elsewhere.example\n");
  leaf("client", "client_ca", "Kommune 0101", "extendedKeyUsage=clientAuth\n");
  leaf("stranger", "other_ca", "Kommune 0101", "extendedKeyUsage=clientAuth\n");
  must("openssl pkey -in " + d + "client.key -aes256 -passout pass:test-passphrase -out " + d +
       "client_pass.key");
  ::chmod((d + "client_pass.key").c_str(), 0600);
}
#endif

const TestPki& TestPki::get() {
  static const TestPki pki;
  return pki;
}

}  // namespace brobyg::https::test
