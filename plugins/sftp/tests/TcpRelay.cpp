#include "TcpRelay.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace brobyg::sftp::test {

namespace {

sockaddr_in loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

// Copies what `from` has to `to`; false when `from` is closed or either side failed.
bool pass(int from, int to, std::uint64_t* counted) {
  char buffer[16384];
  const ssize_t n = ::recv(from, buffer, sizeof buffer, 0);
  if (n <= 0) return false;
  if (counted != nullptr) *counted += static_cast<std::uint64_t>(n);
  for (ssize_t done = 0; done < n;) {
    const ssize_t w = ::send(to, buffer + done, static_cast<std::size_t>(n - done), MSG_NOSIGNAL);
    if (w <= 0) return false;
    done += w;
  }
  return true;
}

}  // namespace

TcpRelay::TcpRelay(int targetPort, Mode mode) : targetPort_(targetPort), mode_(mode) {
  listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address = loopback(0);
  socklen_t length = sizeof address;
  if (listener_ < 0 || ::pipe(stop_) != 0 ||
      ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(listener_, 4) != 0 ||
      ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0)
    throw std::runtime_error("TcpRelay: cannot listen on loopback");
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { run(); });
}

TcpRelay::~TcpRelay() {
  const char stop = 's';
  (void)!::write(stop_[1], &stop, 1);
  thread_.join();
  ::close(listener_);
  ::close(stop_[0]);
  ::close(stop_[1]);
}

void TcpRelay::run() {
  for (;;) {
    pollfd waits[2] = {{listener_, POLLIN, 0}, {stop_[0], POLLIN, 0}};
    if (::poll(waits, 2, -1) < 0) continue;
    if (waits[1].revents != 0) return;
    const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    relay(client);
    ::close(client);
  }
}

void TcpRelay::relay(Socket client) {
  int server = -1;
  if (mode_ == Mode::Forward) {
    server = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const sockaddr_in address = loopback(targetPort_);
    if (::connect(server, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
      ::close(server);
      return;
    }
  }
  const std::uint64_t limit = cutAfter_, answerLimit = cutAnswerAfter_;
  std::uint64_t fromClient = 0, fromServer = 0;
  for (;;) {
    pollfd waits[3] = {{stop_[0], POLLIN, 0}, {client, POLLIN, 0}, {server, POLLIN, 0}};
    if (::poll(waits, server >= 0 ? 3 : 2, -1) < 0) continue;
    if (waits[0].revents != 0) break;  // the relay stops; the test is over
    if (waits[1].revents != 0) {
      // Silent: what the client sends is read and dropped, and nothing comes back.
      std::uint64_t* counted = &fromClient;
      if (server < 0) {
        char sink[4096];
        if (::recv(client, sink, sizeof sink, 0) <= 0) break;
      } else if (!pass(client, server, counted)) {
        break;
      }
      if (limit != 0 && fromClient >= limit) {
        ++cuts_;
        break;
      }
    }
    if (server >= 0 && waits[2].revents != 0) {
      if (!pass(server, client, &fromServer)) break;
      if (answerLimit != 0 && fromServer >= answerLimit) {
        ++cuts_;
        break;
      }
    }
  }
  if (server >= 0) ::close(server);
  // The client sees its connection reset, as when a link or the server goes away.
  ::shutdown(client, SHUT_RDWR);
}

}  // namespace brobyg::sftp::test
