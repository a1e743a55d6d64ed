#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "state/RegisterSigner.h"
#ifdef _WIN32
#include "TestCertificates.h"
#endif

namespace brobyg::test {

// A self-signed P-256 signing certificate and key, <folder>/<name>.{crt,key} (key mode 0600),
// as the municipality's: what signs register entries in the state tests.
inline void writeSigningKey(const std::string& folder, const std::string& name) {
#ifdef _WIN32
  // No openssl CLI on Windows: the same made with libcrypto.
  writeCertificate(folder + "/" + name + ".crt", folder + "/" + name + ".key",
                   {"/CN=Test Kommune", false, 30, "", "", selfSignedExtensions()});
#else
  const std::string command =
      "cd '" + folder + "' && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256" +
      " -nodes -days 30 -subj '/CN=Test Kommune' -keyout " + name + ".key -out " + name +
      ".crt 2>/dev/null && chmod 600 " + name + ".key";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
#endif
}

inline std::unique_ptr<state::RegisterSigner> signerIn(const std::string& folder,
                                                       const std::string& name) {
  return std::make_unique<state::RegisterSigner>(folder + "/" + name + ".crt",
                                                 folder + "/" + name + ".key");
}

}  // namespace brobyg::test
