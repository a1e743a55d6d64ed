// The plugin's only socket code: one TCP connection to the server, opened within a time
// limit, closed on destruction. POSIX today (TcpSocketPosix.cpp); Windows (issue 13) adds
// its own file behind this header.
#pragma once

#include <chrono>
#include <string>

namespace brobyg::sftp {

class TcpSocket {
 public:
  // Tries every address `host` resolves to, each within `timeout`. Throws sdk::RetryLater
  // naming host and port when none answers (refused, unreachable, timed out, no such name:
  // a DNS or network outage passes).
  TcpSocket(const std::string& host, int port, std::chrono::seconds timeout);
  ~TcpSocket();
  TcpSocket(const TcpSocket&) = delete;
  TcpSocket& operator=(const TcpSocket&) = delete;

  // The descriptor for libssh2_session_handshake (libssh2_socket_t: an int on POSIX).
  int handle() const { return fd_; }

  // Ends the connection both ways at once: every later send or receive on it fails
  // instead of waiting for a peer that is gone.
  void cut();

 private:
  int fd_ = -1;
};

}  // namespace brobyg::sftp
