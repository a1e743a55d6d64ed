#include "SshConnection.h"

#include "HostKey.h"
#include "SftpErrors.h"

#include <util/Error.h>
#include <util/FileSecurity.h>
#include <brobyg_plugin.hpp>

#include <libssh2.h>
#include <libssh2_sftp.h>
#include <openssl/crypto.h>

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace brobyg::sftp {

namespace {

constexpr const char* kHostKeyOrder =
    "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,rsa-sha2-512,"
    "rsa-sha2-256";

// libssh2's global state (its crypto backend's), set up once per process and torn down when
// the plugin is unloaded: every session is created after it and freed before that.
class Libssh2Library {
 public:
  Libssh2Library() : rc_(libssh2_init(0)) {}
  ~Libssh2Library() {
    if (rc_ == 0) libssh2_exit();
  }
  bool ok() const { return rc_ == 0; }

 private:
  int rc_;
};

// Returns `host` once libssh2 is initialised: the socket, the first member, is opened after.
const std::string& withLibrary(const std::string& host) {
  static Libssh2Library library;
  if (!library.ok()) throw sdk::Error("cannot initialise libssh2");
  return host;
}

std::string lastMessage(LIBSSH2_SESSION* session, int* code) {
  char* text = nullptr;
  int length = 0;
  *code = libssh2_session_last_error(session, &text, &length, 0);
  return text != nullptr && length > 0 ? std::string(text, static_cast<std::size_t>(length))
                                       : "error " + std::to_string(*code);
}

// The key file's bytes, read from the descriptor the private-file check opened (not by name
// again). The caller wipes them.
std::string readKeyFile(const std::string& path) {
  int fd = -1;
  try {
    fd = openPrivateFile(path, "setting key_file");
  } catch (const brobyg::Error& e) {
    throw sdk::Error(e.what());
  }
  std::string bytes;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const std::string why = std::strerror(errno);
      ::close(fd);
      throw sdk::Error(path + ": setting key_file: cannot read: " + why);
    }
    if (n == 0) break;
    bytes.append(buffer, static_cast<std::size_t>(n));
    if (bytes.size() > (1u << 20)) {
      ::close(fd);
      throw sdk::Error(path + ": setting key_file: larger than 1 MiB, not a private key");
    }
  }
  OPENSSL_cleanse(buffer, sizeof buffer);
  ::close(fd);
  return bytes;
}

}  // namespace

SshConnection::SshConnection(const SftpConfig& config)
    : config_(config), socket_(withLibrary(config.host), config.port, config.connectTimeout) {
  session_ = libssh2_session_init();
  if (session_ == nullptr) throw sdk::Error(config_.server() + ": cannot create an SSH session");
  try {
    libssh2_session_set_blocking(session_, 1);
    libssh2_session_set_timeout(session_, static_cast<long>(config_.ioTimeout.count() * 1000));
    // A stock server has several host keys and shows the one the client asks for first.
    // libssh2 1.10 asks for ECDSA first, OpenSSH's own client for ed25519, whose
    // fingerprint the admin pins from `ssh-keygen -lf` (README): ask in OpenSSH's order.
    if (libssh2_session_method_pref(session_, LIBSSH2_METHOD_HOSTKEY, kHostKeyOrder) != 0)
      fail("cannot set the host key algorithms");
    if (libssh2_session_handshake(session_, socket_.handle()) != 0) fail("SSH handshake failed");
    checkHostKey();
    logIn();
    sftp_ = libssh2_sftp_init(session_);
    if (sftp_ == nullptr) fail("cannot start the SFTP subsystem");
  } catch (...) {
    release();
    throw;
  }
}

SshConnection::~SshConnection() {
  release();
}

void SshConnection::release() {
  // A broken connection is cut first, so that the goodbyes below fail at once instead of
  // each waiting io_timeout for a server that is gone.
  if (broken_) socket_.cut();
  if (sftp_ != nullptr) libssh2_sftp_shutdown(sftp_);
  sftp_ = nullptr;
  if (session_ != nullptr) {
    if (!broken_) libssh2_session_disconnect(session_, "brobyg: done");
    libssh2_session_free(session_);
  }
  session_ = nullptr;
}

void SshConnection::checkHostKey() {
  const char* digest = libssh2_hostkey_hash(session_, LIBSSH2_HOSTKEY_HASH_SHA256);
  if (digest == nullptr) fail("the server sent no host key");
  const std::string shown = fingerprintOfDigest(reinterpret_cast<const unsigned char*>(digest));
  if (shown == config_.hostKeySha256) return;
  broken_ = true;  // nothing more is said to this server, not even a goodbye
  throw sdk::Error(config_.server() + ": host key refused before login: expected " +
                   config_.hostKeySha256 + " (setting host_key_sha256), the server showed " +
                   shown +
                   ". If the evaluator changed the server's key, confirm the new fingerprint "
                   "with them and update host_key_sha256");
}

void SshConnection::logIn() {
  std::string key = readKeyFile(config_.keyFile);
  const int rc = libssh2_userauth_publickey_frommemory(
      session_, config_.user.data(), config_.user.size(), nullptr, 0, key.data(), key.size(),
      config_.passphrase.empty() ? nullptr : config_.passphrase.c_str());
  OPENSSL_cleanse(key.data(), key.size());
  if (rc == 0) return;
  if (rc == LIBSSH2_ERROR_FILE || rc == LIBSSH2_ERROR_KEYFILE_AUTH_FAILED ||
      rc == LIBSSH2_ERROR_METHOD_NOT_SUPPORTED)
    throw sdk::Error(config_.keyFile +
                     ": setting key_file: cannot use the private key (wrong or missing "
                     "passphrase, or a format or key type libssh2 does not read)");
  if (rc == LIBSSH2_ERROR_AUTHENTICATION_FAILED || rc == LIBSSH2_ERROR_PUBLICKEY_UNVERIFIED)
    throw sdk::Error(config_.server() +
                     ": login refused: the server does not accept key_file for user (is its "
                     "public key in the account's authorized_keys?)");
  fail("login failed");
}

unsigned long SshConnection::lastSftpStatus() const {
  if (sftp_ == nullptr || libssh2_session_last_errno(session_) != LIBSSH2_ERROR_SFTP_PROTOCOL)
    return 0;
  return libssh2_sftp_last_error(sftp_);
}

SshConnection::Failure SshConnection::lastFailure(const std::string& what) {
  const unsigned long status = lastSftpStatus();
  if (status != 0)
    return {transientSftpStatus(status),
            config_.server() + ": " + what + ": " + sftpStatusText(status)};
  int code = 0;
  const std::string reason = lastMessage(session_, &code);
  const bool transient = transientSessionError(code);
  if (transient) broken_ = true;
  return {transient, config_.server() + ": " + what + ": " + reason};
}

void SshConnection::fail(const std::string& what) {
  const Failure failure = lastFailure(what);
  sftp::fail(failure.transient, failure.message);
}

}  // namespace brobyg::sftp
