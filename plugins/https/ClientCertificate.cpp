#include "ClientCertificate.h"

#include <brobyg_plugin.hpp>

#include <util/Error.h>
#include <util/FileSecurity.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace brobyg::https {
namespace {

constexpr std::size_t kMaxKeyBytes = 1u << 20;

// Wipes the key's bytes when it goes out of scope, whatever happens.
struct WipedString {
  std::string bytes;
  ~WipedString() { OPENSSL_cleanse(bytes.data(), bytes.size()); }
};

void readPrivateFile(const std::string& path, WipedString& into) {
  int fd = -1;
  try {
    fd = openPrivateFile(path, "setting key_file");
  } catch (const brobyg::Error& e) {
    throw sdk::Error(e.what());
  }
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0 || into.bytes.size() + static_cast<std::size_t>(n) > kMaxKeyBytes) {
      const std::string why = n < 0 ? std::strerror(errno) : "larger than 1 MiB";
      OPENSSL_cleanse(buffer, sizeof buffer);
      ::close(fd);
      if (n == 0) return;
      throw sdk::Error(path + ": setting key_file: cannot read: " + why);
    }
    into.bytes.append(buffer, static_cast<std::size_t>(n));
  }
}

// OpenSSL's passphrase callback: the configured passphrase, or none (never a prompt on the
// terminal, which OpenSSL's default callback would show).
int passphraseCallback(char* buffer, int size, int /*rwflag*/, void* userdata) {
  const auto* passphrase = static_cast<const std::string*>(userdata);
  if (passphrase->empty() || passphrase->size() > static_cast<std::size_t>(size)) return -1;
  std::memcpy(buffer, passphrase->data(), passphrase->size());
  return static_cast<int>(passphrase->size());
}

}  // namespace

void useClientCertificate(Poco::Net::Context& context, const std::string& certificateFile,
                          const std::string& keyFile, const std::string& passphrase) {
  SSL_CTX* ctx = context.sslContext();
  if (SSL_CTX_use_certificate_chain_file(ctx, certificateFile.c_str()) != 1) {
    ERR_clear_error();
    throw sdk::Error(certificateFile + ": setting certificate: not a readable PEM certificate");
  }
  WipedString pem;
  readPrivateFile(keyFile, pem);
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.bytes.data(), static_cast<int>(pem.bytes.size())), &BIO_free);
  std::string secret = passphrase;
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, passphraseCallback, &secret) : nullptr,
      &EVP_PKEY_free);
  OPENSSL_cleanse(secret.data(), secret.size());
  if (!key) {
    ERR_clear_error();
    throw sdk::Error(
        keyFile + ": setting key_file: not a PEM private key" +
        (passphrase.empty() ? " (or it needs the setting passphrase)" : " for this passphrase"));
  }
  if (SSL_CTX_use_PrivateKey(ctx, key.get()) != 1 || SSL_CTX_check_private_key(ctx) != 1) {
    ERR_clear_error();
    throw sdk::Error(keyFile + ": setting key_file: does not belong to the setting certificate (" +
                     certificateFile + ")");
  }
}

}  // namespace brobyg::https
