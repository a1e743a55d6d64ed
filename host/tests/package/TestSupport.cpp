#include "TestSupport.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>

#ifdef _WIN32
// clang-format off
#include <windows.h>
#include <psapi.h>
// clang-format on

#include "TestCertificates.h"
#else
#include <sys/wait.h>
#endif

namespace brobyg::package::test {
namespace fs = std::filesystem;
#ifdef _WIN32
using brobyg::test::CertificateSpec;
using brobyg::test::selfSignedExtensions;
using brobyg::test::writeCertificate;
#endif

int run(const std::string& command) {
  int status = std::system(command.c_str());
#ifdef _WIN32
  return status;  // cmd.exe's exit code
#else
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
#endif
}

bool haveTool([[maybe_unused]] const std::string& name) {
#ifdef _WIN32
  // The tools the tests run (openssl, unzip, xmllint) and their command lines are Linux's.
  return false;
#else
  return run("command -v " + name + " >/dev/null 2>&1") == 0;
#endif
}

void writeText(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + path);
}

bool exists(const std::string& path) {
  return fs::exists(path);
}

std::uint64_t fileSize(const std::string& path) {
  return fs::file_size(path);
}

void writeSampleCsv(const std::string& path, std::uint64_t bytes, std::uint64_t* rows) {
  std::ofstream out(path, std::ios::binary);
  std::mt19937_64 rng(42);
  const char* categories[] = {"sick", "authorised", "unauthorised", "unknown"};
  std::string line = "person,municipality,school,grade,date,unit,category,source\n";
  out << line;
  std::uint64_t written = line.size();
  std::uint64_t count = 0;
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
  while (written < bytes) {
    line.clear();
    for (int i = 0; i < 26; ++i) line.push_back(alphabet[rng() % 32]);
    line += ",101," + std::to_string(280000 + rng() % 500) + "," + std::to_string(rng() % 10) +
            ",2024-" + std::to_string(10 + rng() % 3) + "-" + std::to_string(10 + rng() % 18) +
            ",day," + categories[rng() % 4] + ",\"Vendor \"\"X\"\"\"\n";
    out << line;
    written += line.size();
    ++count;
  }
  if (!out) throw std::runtime_error("cannot write " + path);
  if (rows != nullptr) *rows = count;
}

std::uint64_t peakRssKiB() {
#ifdef _WIN32
  PROCESS_MEMORY_COUNTERS counters{};
  if (!GetProcessMemoryInfo(GetCurrentProcess(), &counters, sizeof counters)) return 0;
  return counters.PeakWorkingSetSize / 1024;
#else
  std::ifstream status("/proc/self/status");
  std::string key;
  while (status >> key) {
    if (key == "VmHWM:") {
      std::uint64_t kib = 0;
      status >> kib;
      return kib;
    }
    status.ignore(1 << 12, '\n');
  }
  return 0;
#endif
}

#ifdef _WIN32
// No openssl CLI on Windows: the same keys and certificates made with libcrypto.
Pki::Pki() {
  const std::string d = dir_.path();
  auto make = [&](const std::string& name, CertificateSpec spec) {
    writeCertificate(d + "/" + name + ".crt", d + "/" + name + ".key", spec);
  };
  const auto selfSigned = selfSignedExtensions();
  make("ca", {"/O=Test/CN=ca", true, 30, "", "", selfSigned});
  make("rsa", {"/O=Test/CN=rsa", true, 30, "", "", selfSigned});
  for (const char* name : {"ec", "other"})
    make(name, {std::string("/O=Test/CN=") + name, false, 30, "", "", selfSigned});
  make("expired", {"/O=Test/CN=expired", false, -1, "", "", selfSigned});
  const std::vector<std::pair<std::string, std::string>> signerExt = {
      {"basicConstraints", "CA:FALSE"}, {"keyUsage", "critical,digitalSignature,nonRepudiation"}};
  make("signer",
       {"/C=DK/O=Testkommune/CN=brobyg signer", true, 30, d + "/ca.crt", d + "/ca.key", signerExt});
  // Same CA, another municipality's subject: the certificate a poser would hold.
  make("poser", {"/C=DK/O=Andenkommune/CN=brobyg signer", false, 30, d + "/ca.crt", d + "/ca.key",
                 signerExt});
}
#else
namespace {
void must(const std::string& command) {
  if (run(command + " >/dev/null 2>&1") != 0) throw std::runtime_error("failed: " + command);
}
}  // namespace

Pki::Pki() {
  const std::string d = dir_.path();
  auto selfSigned = [&](const std::string& name, const std::string& keySpec) {
    must("openssl req -x509 -newkey " + keySpec + " -nodes -keyout " + d + "/" + name +
         ".key -out " + d + "/" + name + ".crt -days 30 -subj '/O=Test/CN=" + name + "'");
  };
  selfSigned("ca", "rsa:3072");
  selfSigned("rsa", "rsa:3072");
  const std::string ec = "ec -pkeyopt ec_paramgen_curve:P-256";
  selfSigned("ec", ec);
  selfSigned("other", ec);
  selfSigned("expired", ec);
  must("openssl x509 -in " + d + "/expired.crt -signkey " + d + "/expired.key -days -1 -out " + d +
       "/expired.crt");
  writeText(d + "/signer.ext",
            "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n");
  must("openssl req -new -newkey rsa:3072 -nodes -keyout " + d + "/signer.key -out " + d +
       "/signer.csr -subj '/C=DK/O=Testkommune/CN=brobyg signer'");
  must("openssl x509 -req -in " + d + "/signer.csr -CA " + d + "/ca.crt -CAkey " + d +
       "/ca.key -CAcreateserial -days 30 -extfile " + d + "/signer.ext -out " + d + "/signer.crt");
  // Same CA, another municipality's subject: the certificate a poser would hold.
  must("openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout " + d +
       "/poser.key -out " + d + "/poser.csr -subj '/C=DK/O=Andenkommune/CN=brobyg signer'");
  must("openssl x509 -req -in " + d + "/poser.csr -CA " + d + "/ca.crt -CAkey " + d +
       "/ca.key -CAcreateserial -days 30 -extfile " + d + "/signer.ext -out " + d + "/poser.crt");
  for (const char* name : {"ca", "rsa", "ec", "other", "expired", "signer", "poser"})
    fs::permissions(d + "/" + name + ".key", fs::perms::owner_read | fs::perms::owner_write,
                    fs::perm_options::replace);
}
#endif

const Pki& Pki::get() {
  static Pki pki;
  return pki;
}

}  // namespace brobyg::package::test
