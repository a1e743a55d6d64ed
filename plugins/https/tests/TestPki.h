// Certificates for the https plugin's tests, made once per test process with the openssl
// command line in a private temporary folder (EC P-256):
//   ca.crt                       the receiver's CA, which the plugin trusts (ca_file)
//   server.crt/.key              localhost and 127.0.0.1, issued by ca
//   other_ca.crt                 a CA the plugin does not trust
//   other_server.crt/.key        localhost, issued by other_ca (an unknown CA)
//   wrong_name.crt/.key          elsewhere.example only, issued by ca (a wrong host name)
//   client_ca.crt                the CA the receiver takes client certificates from
//   client.crt/.key              the municipality's client certificate (key mode 0600)
//   stranger.crt/.key            a client certificate from other_ca (the receiver refuses it)
//   client_pass.key              client.key encrypted with the passphrase "test-passphrase"
#pragma once

#include "TempDir.h"

#include <string>

namespace brobyg::https::test {

class TestPki {
 public:
  static const TestPki& get();
  std::string file(const std::string& name) const { return dir_.file(name); }

 private:
  TestPki();
  brobyg::test::TempDir dir_;
};

}  // namespace brobyg::https::test
