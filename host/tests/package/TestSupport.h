#pragma once

#include <cstdint>
#include <string>

#include "TempDir.h"

namespace brobyg::package::test {

using brobyg::test::TempDir;

// Runs a shell command; returns its exit status.
int run(const std::string& command);
bool haveTool(const std::string& name);
void writeText(const std::string& path, const std::string& content);
bool exists(const std::string& path);
std::uint64_t fileSize(const std::string& path);
// Deterministic pseudo-random CSV-like text of about `bytes` bytes with a header row.
void writeSampleCsv(const std::string& path, std::uint64_t bytes, std::uint64_t* rows = nullptr);
// Peak resident memory of this process (VmHWM) in KiB.
std::uint64_t peakRssKiB();

// Test keys and certificates made once per test run with the openssl CLI:
//   ca            RSA 3072 CA (self-signed)
//   signer        RSA 3072, issued by ca, subject C=DK,O=Testkommune,CN=brobyg signer
//   poser         EC P-256, issued by the same ca, subject C=DK,O=Andenkommune,CN=brobyg signer
//   rsa           RSA 3072 recipient (self-signed)
//   ec            EC P-256 recipient (self-signed)
//   other         EC P-256 recipient that packages are not made for
//   expired       EC P-256 signer whose certificate has expired
// Files: <name>.crt and <name>.key (0600) in dir().
class Pki {
 public:
  static const Pki& get();
  std::string crt(const std::string& name) const { return dir_.file(name + ".crt"); }
  std::string key(const std::string& name) const { return dir_.file(name + ".key"); }

 private:
  Pki();
  TempDir dir_;
};

}  // namespace brobyg::package::test
