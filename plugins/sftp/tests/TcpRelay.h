// A loopback TCP relay in front of a test server, for faults that must happen at a known
// point: it cuts a connection once the client has sent a given number of bytes (a connection
// dropped mid-upload) or once the server has answered a given number (dropped mid-answer), or
// accepts and never answers (a stalled server).
#pragma once

#include <atomic>
#include <cstdint>
#include <thread>

namespace brobyg::sftp::test {

// A socket: an int on POSIX (TcpRelay.cpp), a SOCKET on Windows (TcpRelayWindows.cpp).
#ifdef _WIN32
using RelaySocket = std::uintptr_t;
#else
using RelaySocket = int;
#endif

class TcpRelay {
 public:
  enum class Mode { Forward, Silent };
  using Socket = RelaySocket;
  static constexpr Socket kNone = static_cast<Socket>(-1);  // INVALID_SOCKET on Windows

  // Listens on 127.0.0.1 (a free port) and relays each connection, one at a time, to
  // 127.0.0.1:targetPort.
  TcpRelay(int targetPort, Mode mode);
  ~TcpRelay();
  TcpRelay(const TcpRelay&) = delete;
  TcpRelay& operator=(const TcpRelay&) = delete;

  int port() const { return port_; }
  // From the next connection on: close both sides once the client has sent `bytes` (0: never).
  void cutAfter(std::uint64_t bytes) { cutAfter_ = bytes; }
  // From the next connection on: close both sides once the server has sent `bytes` (0: never).
  // The client sees TCP end without TLS's close_notify, as when a link breaks mid-answer.
  void cutAnswerAfter(std::uint64_t bytes) { cutAnswerAfter_ = bytes; }
  // Connections cut so far.
  int cuts() const { return cuts_; }

 private:
  void run();
  void relay(Socket client);

  int targetPort_;
  Mode mode_;
  Socket listener_ = kNone;
#ifdef _WIN32
  std::atomic<bool> stopping_{false};  // the relay's waits look every 50 ms
#else
  int stop_[2] = {-1, -1};  // a pipe: written to stop the relay's waits
#endif
  int port_ = 0;
  std::atomic<std::uint64_t> cutAfter_{0};
  std::atomic<std::uint64_t> cutAnswerAfter_{0};
  std::atomic<int> cuts_{0};
  std::thread thread_;
};

}  // namespace brobyg::sftp::test
