// The plugin's only socket code: one TCP connection to the server, opened within a time
// limit, closed on destruction. POSIX: TcpSocketPosix.cpp; Windows (Winsock):
// TcpSocketWindows.cpp.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace brobyg::sftp {

// libssh2_socket_t: an int on POSIX, a SOCKET (an unsigned pointer-sized number) on Windows.
#ifdef _WIN32
using SocketHandle = std::uintptr_t;
#else
using SocketHandle = int;
#endif

class TcpSocket {
 public:
  using Handle = SocketHandle;
  static constexpr Handle kNone = static_cast<Handle>(-1);  // INVALID_SOCKET on Windows

  // Tries every address `host` resolves to, each within `timeout`. Throws sdk::RetryLater
  // naming host and port when none answers (refused, unreachable, timed out, no such name:
  // a DNS or network outage passes).
  TcpSocket(const std::string& host, int port, std::chrono::seconds timeout);
  ~TcpSocket();
  TcpSocket(const TcpSocket&) = delete;
  TcpSocket& operator=(const TcpSocket&) = delete;

  // The socket for libssh2_session_handshake.
  Handle handle() const { return fd_; }

  // Ends the connection both ways at once: every later send or receive on it fails
  // instead of waiting for a peer that is gone.
  void cut();

 private:
  Handle fd_ = kNone;
};

}  // namespace brobyg::sftp
