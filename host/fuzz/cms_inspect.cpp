// Fuzz target: `brobyg open` up to the signature check, on arbitrary bytes: the BER walk of
// package/CmsInspect.cpp (trailing bytes, GCM tag length), OpenSSL's CMS parsing and
// recipient matching in decryptFile, and SignedData parsing in verifySignedFile
// (with key-import's pinned-signer check). The recipient and
// trusted certificate is an EC P-256 key made at start; no input decrypts, so the fuzzer
// explores the parsers, which is where outside bytes meet code.
#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "package/Cms.h"
#include "package/CmsInspect.h"
#include "trust/SenderPins.h"
#include "util/Error.h"

namespace {

struct Files {
  std::string dir = "/tmp/brobyg-fuzz-cms-" + std::to_string(::getpid());
  std::string input = dir + "/input.cms";
  std::string output = dir + "/output";
  std::string cert = dir + "/recipient.crt";
  std::string key = dir + "/recipient.key";
};

void require(bool ok) {
  if (!ok) std::abort();
}

// Writes `write` to a new file with mode 0600, as key files must be.
template <typename Write>
void writePem(const std::string& path, Write write) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  require(fd >= 0);
  std::FILE* f = ::fdopen(fd, "w");
  require(f != nullptr && write(f) == 1 && std::fclose(f) == 0);
}

const Files& setUp() {
  static const Files files = [] {
    Files f;
    ::mkdir(f.dir.c_str(), 0700);
    EVP_PKEY* key = EVP_EC_gen("P-256");
    X509* cert = X509_new();
    require(key != nullptr && cert != nullptr);
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), 0);
    X509_gmtime_adj(X509_getm_notAfter(cert), 86400L * 365);
    X509_NAME* name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("brobyg fuzz"), -1, -1, 0);
    X509_set_issuer_name(cert, name);
    require(X509_set_pubkey(cert, key) == 1 && X509_sign(cert, key, EVP_sha256()) > 0);
    writePem(f.cert, [&](std::FILE* out) { return PEM_write_X509(out, cert); });
    writePem(f.key, [&](std::FILE* out) {
      return PEM_write_PrivateKey(out, key, nullptr, nullptr, 0, nullptr, nullptr);
    });
    X509_free(cert);
    EVP_PKEY_free(key);
    return f;
  }();
  return files;
}

template <typename Step>
void attempt(Step step) {
  try {
    step();
  } catch (const brobyg::Error&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace brobyg::package;
  const Files& f = setUp();
  std::FILE* in = std::fopen(f.input.c_str(), "wb");
  require(in != nullptr && std::fwrite(data, 1, size, in) == size && std::fclose(in) == 0);
  attempt([&] { requireSingleBerElement(f.input); });
  attempt([&] { authEnvelopedTagLength(f.input); });
  attempt([&] { decryptFile(f.input, f.output, f.cert, f.key); });
  attempt([&] {
    verifySignedFile(f.input, f.output, [&](const brobyg::trust::SignerCertificates& signer) {
      brobyg::trust::requirePinnedSigner(f.cert, signer);
    });
  });
  // Nothing decrypts or verifies with a key made at start: no output may be left behind.
  require(::access(f.output.c_str(), F_OK) != 0);
  return 0;
}
