// One logged-in SFTP connection to the evaluator's server. The host key is checked against
// the pinned fingerprint right after the key exchange, before anything is sent that depends
// on it (the login): a server showing another key never learns who brobyg is.
#pragma once

#include "SftpConfig.h"
#include "TcpSocket.h"

#include <memory>
#include <string>

typedef struct _LIBSSH2_SESSION LIBSSH2_SESSION;
typedef struct _LIBSSH2_SFTP LIBSSH2_SFTP;

namespace brobyg::sftp {

class SshConnection {
 public:
  // Connects within connect_timeout, bounds every later wait by io_timeout, checks the host
  // key, logs in with key_file (refused unless private) and opens the SFTP subsystem. Throws
  // sdk::RetryLater when the server is unreachable or the connection fails, sdk::Error for a
  // wrong host key, an unreadable key file or a refused login.
  explicit SshConnection(const SftpConfig& config);
  ~SshConnection();
  SshConnection(const SshConnection&) = delete;
  SshConnection& operator=(const SshConnection&) = delete;

  LIBSSH2_SFTP* sftp() const { return sftp_; }

  // The SFTP status of the last failed SFTP call (LIBSSH2_FX_*), or 0 when the failure was
  // the connection's, not the server's answer.
  unsigned long lastSftpStatus() const;

  struct Failure {
    bool transient;       // may pass by itself: sdk::RetryLater
    std::string message;  // "<server>: <what>: <reason>"
  };
  // The failure of the last libssh2 call. Marks the connection broken when the transport
  // failed.
  Failure lastFailure(const std::string& what);
  // Throws lastFailure(what).
  [[noreturn]] void fail(const std::string& what);

  std::string server() const { return config_.server(); }

 private:
  void checkHostKey();
  void logIn();
  void release();

  const SftpConfig& config_;
  TcpSocket socket_;
  LIBSSH2_SESSION* session_ = nullptr;
  LIBSSH2_SFTP* sftp_ = nullptr;
  bool broken_ = false;
};

}  // namespace brobyg::sftp
