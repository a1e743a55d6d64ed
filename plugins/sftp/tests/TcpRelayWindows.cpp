#include "TcpRelay.h"

#include <winsock2.h>
#include <ws2tcpip.h>

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
bool pass(SOCKET from, SOCKET to, std::uint64_t* counted) {
  char buffer[16384];
  const int n = ::recv(from, buffer, sizeof buffer, 0);
  if (n <= 0) return false;
  if (counted != nullptr) *counted += static_cast<std::uint64_t>(n);
  for (int done = 0; done < n;) {
    const int w = ::send(to, buffer + done, n - done, 0);
    if (w <= 0) return false;
    done += w;
  }
  return true;
}

// Waits up to 50 ms for input on up to three sockets (kNone: not waited on); which have it.
struct Readable {
  bool any = false;
  bool socket[3] = {false, false, false};
};
Readable waitInput(const SOCKET (&sockets)[3]) {
  fd_set set;
  FD_ZERO(&set);
  for (SOCKET s : sockets)
    if (s != INVALID_SOCKET) FD_SET(s, &set);
  timeval limit{0, 50 * 1000};
  Readable result;
  if (::select(0, &set, nullptr, nullptr, &limit) <= 0) return result;
  for (int i = 0; i < 3; ++i) {
    result.socket[i] = sockets[i] != INVALID_SOCKET && FD_ISSET(sockets[i], &set);
    result.any = result.any || result.socket[i];
  }
  return result;
}

}  // namespace

TcpRelay::TcpRelay(int targetPort, Mode mode) : targetPort_(targetPort), mode_(mode) {
  WSADATA data;
  if (WSAStartup(MAKEWORD(2, 2), &data) != 0)
    throw std::runtime_error("TcpRelay: cannot start Winsock");
  const SOCKET listener = ::socket(AF_INET, SOCK_STREAM, 0);
  listener_ = static_cast<Socket>(listener);
  sockaddr_in address = loopback(0);
  int length = sizeof address;
  if (listener == INVALID_SOCKET ||
      ::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(listener, 4) != 0 ||
      ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) != 0)
    throw std::runtime_error("TcpRelay: cannot listen on loopback");
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { run(); });
}

TcpRelay::~TcpRelay() {
  stopping_ = true;
  thread_.join();
  ::closesocket(static_cast<SOCKET>(listener_));
  WSACleanup();
}

void TcpRelay::run() {
  const SOCKET listener = static_cast<SOCKET>(listener_);
  while (!stopping_) {
    if (!waitInput({listener, INVALID_SOCKET, INVALID_SOCKET}).any) continue;
    const SOCKET client = ::accept(listener, nullptr, nullptr);
    if (client == INVALID_SOCKET) continue;
    relay(static_cast<Socket>(client));
    ::closesocket(client);
  }
}

void TcpRelay::relay(Socket clientSocket) {
  const SOCKET client = static_cast<SOCKET>(clientSocket);
  SOCKET server = INVALID_SOCKET;
  if (mode_ == Mode::Forward) {
    server = ::socket(AF_INET, SOCK_STREAM, 0);
    const sockaddr_in address = loopback(targetPort_);
    if (::connect(server, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
      ::closesocket(server);
      return;
    }
  }
  const std::uint64_t limit = cutAfter_, answerLimit = cutAnswerAfter_;
  std::uint64_t fromClient = 0, fromServer = 0;
  while (!stopping_) {  // stopping: the test is over
    const Readable ready = waitInput({client, server, INVALID_SOCKET});
    if (!ready.any) continue;
    if (ready.socket[0]) {
      // Silent: what the client sends is read and dropped, and nothing comes back.
      if (server == INVALID_SOCKET) {
        char sink[4096];
        if (::recv(client, sink, sizeof sink, 0) <= 0) break;
      } else if (!pass(client, server, &fromClient)) {
        break;
      }
      if (limit != 0 && fromClient >= limit) {
        ++cuts_;
        break;
      }
    }
    if (ready.socket[1]) {
      if (!pass(server, client, &fromServer)) break;
      if (answerLimit != 0 && fromServer >= answerLimit) {
        ++cuts_;
        break;
      }
    }
  }
  if (server != INVALID_SOCKET) ::closesocket(server);
  // The client sees its connection reset, as when a link or the server goes away.
  ::shutdown(client, SD_BOTH);
}

}  // namespace brobyg::sftp::test
