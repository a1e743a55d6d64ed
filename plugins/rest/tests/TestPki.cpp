#include "TestPki.h"

#ifdef _WIN32
#include "TestCertificates.h"
#else
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#endif

namespace brobyg::rest::test {

#ifdef _WIN32
// The same certificates with libcrypto (host/tests/support/TestCertificates.h): a program
// under Wine cannot start the openssl command line.
TestPki::TestPki() {
  auto ca = [&](const std::string& name) { brobyg::test::writeTestCa(dir_.path(), name); };
  auto leaf = [&](const std::string& name, const std::string& issuer, const std::string& cn,
                  const std::string& altNames) {
    brobyg::test::writeTestLeaf(dir_.path(), name, issuer, cn, "serverAuth", altNames);
  };
  ca("ca");
  ca("other_ca");
  leaf("server", "ca", "localhost", "DNS:localhost,IP:127.0.0.1");
  leaf("other_server", "other_ca", "localhost", "DNS:localhost,IP:127.0.0.1");
  leaf("wrong_name", "ca", "elsewhere.example", "DNS:elsewhere.example");
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
                  const std::string& altNames) {
    writeText(d + name + ".ext", "basicConstraints=critical,CA:FALSE\nsubjectAltName=" + altNames +
                                     "\nextendedKeyUsage=serverAuth\n");
    must("openssl req -new " + kNewKey + " -keyout " + d + name + ".key -out " + d + name +
         ".csr -subj '/O=brobyg test/CN=" + cn + "'");
    must("openssl x509 -req -in " + d + name + ".csr -CA " + d + issuer + ".crt -CAkey " + d +
         issuer + ".key -CAcreateserial -days 30 -extfile " + d + name + ".ext -out " + d + name +
         ".crt");
  };
  ca("ca");
  ca("other_ca");
  leaf("server", "ca", "localhost", "DNS:localhost,IP:127.0.0.1");
  leaf("other_server", "other_ca", "localhost", "DNS:localhost,IP:127.0.0.1");
  leaf("wrong_name", "ca", "elsewhere.example", "DNS:elsewhere.example");
}
#endif

const TestPki& TestPki::get() {
  static const TestPki pki;
  return pki;
}

}  // namespace brobyg::rest::test
