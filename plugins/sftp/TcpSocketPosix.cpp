#include "TcpSocket.h"

#include <brobyg_plugin.hpp>

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace brobyg::sftp {

namespace {

// Connects `fd` to `address` within `timeout`; errno-style result (0: connected).
int connectWithin(int fd, const addrinfo& address, std::chrono::seconds timeout) {
  const int flags = ::fcntl(fd, F_GETFL, 0);
  if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0) return errno;
  if (::connect(fd, address.ai_addr, address.ai_addrlen) != 0) {
    if (errno != EINPROGRESS) return errno;
    pollfd wait{fd, POLLOUT, 0};
    int ready;
    do {
      ready = ::poll(&wait, 1, static_cast<int>(timeout.count() * 1000));
    } while (ready < 0 && errno == EINTR);
    if (ready < 0) return errno;
    if (ready == 0) return ETIMEDOUT;
    int error = 0;
    socklen_t length = sizeof error;
    if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0) return errno;
    if (error != 0) return error;
  }
  // Back to blocking: libssh2 switches the socket as it needs and bounds each wait itself.
  return ::fcntl(fd, F_SETFL, flags) == 0 ? 0 : errno;
}

}  // namespace

TcpSocket::TcpSocket(const std::string& host, int port, std::chrono::seconds timeout) {
  const std::string where = host + ":" + std::to_string(port);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const int resolved = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found);
  if (resolved != 0)
    throw sdk::RetryLater(where +
                          ": cannot resolve the server's name: " + ::gai_strerror(resolved));
  std::unique_ptr<addrinfo, void (*)(addrinfo*)> addresses(found, &::freeaddrinfo);
  int lastError = 0;
  for (const addrinfo* a = found; a != nullptr; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) {
      lastError = errno;
      continue;
    }
    lastError = connectWithin(fd, *a, timeout);
    if (lastError == 0) {
      fd_ = fd;
      return;
    }
    ::close(fd);
  }
  throw sdk::RetryLater(where + ": cannot connect: " + std::strerror(lastError));
}

void TcpSocket::cut() {
  ::shutdown(fd_, SHUT_RDWR);
}

TcpSocket::~TcpSocket() {
  if (fd_ != kNone) ::close(fd_);
}

}  // namespace brobyg::sftp
