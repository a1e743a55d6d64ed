// A loopback TCP relay in front of a test server, for faults that must happen at a known
// point: it cuts a connection once the client has sent a given number of bytes (a connection
// dropped mid-upload) or once the server has answered a given number (dropped mid-answer), or
// accepts and never answers (a stalled server). On Poco's sockets, so that the same relay runs
// on Linux and in the Windows build.
#pragma once

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <cstdint>
#include <thread>

namespace brobyg::sftp::test {

class TcpRelay {
 public:
  enum class Mode { Forward, Silent };

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
  void relay(Poco::Net::StreamSocket& client);

  int targetPort_;
  Mode mode_;
  Poco::Net::ServerSocket listener_;
  int port_ = 0;
  // Set by the destructor; the relay's thread looks at it between waits of at most kTick.
  std::atomic<bool> stop_{false};
  std::atomic<std::uint64_t> cutAfter_{0};
  std::atomic<std::uint64_t> cutAnswerAfter_{0};
  std::atomic<int> cuts_{0};
  std::thread thread_;
};

}  // namespace brobyg::sftp::test
