// Certificates for the rest plugin's local HTTPS server, made once per test process with the
// openssl command line (as host/tests/package's Pki) in a private temporary folder:
//   ca.crt                      the test CA the plugin trusts (ca_file)
//   server.crt/.key             localhost and 127.0.0.1, issued by ca
//   other_ca.crt                a second CA the plugin does not trust
//   other_server.crt/.key       localhost, issued by other_ca (an unknown CA)
//   wrong_name.crt/.key         elsewhere.example only, issued by ca (a wrong host name)
#pragma once

#include "TempDir.h"

#include <string>

namespace brobyg::rest::test {

class TestPki {
 public:
  static const TestPki& get();
  std::string file(const std::string& name) const { return dir_.file(name); }

 private:
  TestPki();
  brobyg::test::TempDir dir_;
};

}  // namespace brobyg::rest::test
