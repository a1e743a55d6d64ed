#include "TcpRelay.h"

#include <Poco/Exception.h>
#include <Poco/Net/Net.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Timespan.h>

#include <algorithm>
#include <stdexcept>

namespace brobyg::sftp::test {

namespace {

using Poco::Net::Socket;
using Poco::Net::StreamSocket;

// How long a wait lasts before the relay looks whether it is to stop.
const Poco::Timespan kTick(0, 50 * 1000);

// No SIGPIPE when the other side has gone: the send fails instead (Linux; Windows has no
// such signal).
#ifdef MSG_NOSIGNAL
constexpr int kSendFlags = MSG_NOSIGNAL;
#else
constexpr int kSendFlags = 0;
#endif

bool contains(const Socket::SocketList& list, const Socket& socket) {
  return std::find(list.begin(), list.end(), socket) != list.end();
}

// Copies what `from` has to `to`; false when `from` is closed or either side failed.
bool pass(StreamSocket& from, StreamSocket& to, std::uint64_t* counted) {
  char buffer[16384];
  try {
    const int n = from.receiveBytes(buffer, sizeof buffer);
    if (n <= 0) return false;
    if (counted != nullptr) *counted += static_cast<std::uint64_t>(n);
    for (int done = 0; done < n;) {
      const int w = to.sendBytes(buffer + done, n - done, kSendFlags);
      if (w <= 0) return false;
      done += w;
    }
    return true;
  } catch (const Poco::Exception&) {
    return false;
  }
}

}  // namespace

TcpRelay::TcpRelay(int targetPort, Mode mode) : targetPort_(targetPort), mode_(mode) {
  Poco::Net::initializeNetwork();  // Winsock, which a static mingw build of Poco leaves unstarted
  try {
    listener_.bind(Poco::Net::SocketAddress("127.0.0.1", 0), false);
    listener_.listen(4);
    port_ = listener_.address().port();
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("TcpRelay: cannot listen on loopback: " + e.displayText());
  }
  thread_ = std::thread([this] { run(); });
}

TcpRelay::~TcpRelay() {
  stop_ = true;
  thread_.join();
  listener_.close();
}

void TcpRelay::run() {
  while (!stop_) {
    StreamSocket client;
    try {
      if (!listener_.poll(kTick, Socket::SELECT_READ)) continue;
      client = listener_.acceptConnection();
    } catch (const Poco::Exception&) {
      continue;
    }
    relay(client);
    client.close();
  }
}

void TcpRelay::relay(StreamSocket& client) {
  StreamSocket server;
  const bool forward = mode_ == Mode::Forward;
  if (forward) {
    try {
      server.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(targetPort_)));
    } catch (const Poco::Exception&) {
      return;
    }
  }
  const std::uint64_t limit = cutAfter_, answerLimit = cutAnswerAfter_;
  std::uint64_t fromClient = 0, fromServer = 0;
  while (!stop_) {  // when the relay stops, the test is over
    Socket::SocketList readable{client}, writable, failed;
    if (forward) readable.push_back(server);
    try {
      if (Socket::select(readable, writable, failed, kTick) == 0) continue;
    } catch (const Poco::Exception&) {
      break;
    }
    if (contains(readable, client)) {
      // Silent: what the client sends is read and dropped, and nothing comes back.
      if (!forward) {
        char sink[4096];
        try {
          if (client.receiveBytes(sink, sizeof sink) <= 0) break;
        } catch (const Poco::Exception&) {
          break;
        }
      } else if (!pass(client, server, &fromClient)) {
        break;
      }
      if (limit != 0 && fromClient >= limit) {
        ++cuts_;
        break;
      }
    }
    if (forward && contains(readable, server)) {
      if (!pass(server, client, &fromServer)) break;
      if (answerLimit != 0 && fromServer >= answerLimit) {
        ++cuts_;
        break;
      }
    }
  }
  if (forward) server.close();
  // The client sees its connection reset, as when a link or the server goes away.
  try {
    client.shutdown();
  } catch (const Poco::Exception&) {
  }
}

}  // namespace brobyg::sftp::test
