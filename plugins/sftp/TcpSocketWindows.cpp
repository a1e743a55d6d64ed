#include "TcpSocket.h"

#include <brobyg_plugin.hpp>

#include <winsock2.h>
#include <ws2tcpip.h>

#include <memory>
#include <mutex>

namespace brobyg::sftp {

namespace {

// Winsock's text for an error number, without the trailing line break.
std::string winsockText(int error) {
  wchar_t* text = nullptr;
  const DWORD length = FormatMessageW(
      FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
      nullptr, static_cast<DWORD>(error), 0, reinterpret_cast<wchar_t*>(&text), 0, nullptr);
  std::string result;
  if (length > 0 && text != nullptr) {
    const int bytes = WideCharToMultiByte(CP_UTF8, 0, text, static_cast<int>(length), nullptr, 0,
                                          nullptr, nullptr);
    result.resize(static_cast<std::size_t>(bytes));
    WideCharToMultiByte(CP_UTF8, 0, text, static_cast<int>(length), result.data(), bytes, nullptr,
                        nullptr);
  }
  if (text != nullptr) LocalFree(text);
  while (!result.empty() && (result.back() == '\n' || result.back() == '\r' ||
                             result.back() == ' ' || result.back() == '.'))
    result.pop_back();
  return result.empty() ? "Winsock error " + std::to_string(error) : result;
}

// Winsock is started once per process (WSAStartup counts; the process's end cleans up).
void startWinsock() {
  static std::once_flag once;
  static int started = 0;
  std::call_once(once, [] {
    WSADATA data;
    started = WSAStartup(MAKEWORD(2, 2), &data);
  });
  if (started != 0) throw sdk::Error("cannot start Winsock: " + winsockText(started));
}

// Connects `s` to `address` within `timeout`; a Winsock error number (0: connected).
int connectWithin(SOCKET s, const addrinfo& address, std::chrono::seconds timeout) {
  u_long nonBlocking = 1;
  if (::ioctlsocket(s, FIONBIO, &nonBlocking) != 0) return WSAGetLastError();
  if (::connect(s, address.ai_addr, static_cast<int>(address.ai_addrlen)) != 0) {
    const int error = WSAGetLastError();
    if (error != WSAEWOULDBLOCK) return error;
    // select, not WSAPoll: WSAPoll does not report a refused connection on older Windows.
    fd_set writable, failed;
    FD_ZERO(&writable);
    FD_ZERO(&failed);
    FD_SET(s, &writable);
    FD_SET(s, &failed);
    timeval limit{static_cast<long>(timeout.count()), 0};
    const int ready = ::select(0, nullptr, &writable, &failed, &limit);
    if (ready == SOCKET_ERROR) return WSAGetLastError();
    if (ready == 0) return WSAETIMEDOUT;
    int soError = 0;
    int length = sizeof soError;
    if (::getsockopt(s, SOL_SOCKET, SO_ERROR, reinterpret_cast<char*>(&soError), &length) != 0)
      return WSAGetLastError();
    if (soError != 0) return soError;
    if (!FD_ISSET(s, &writable)) return WSAECONNREFUSED;
  }
  // Back to blocking: libssh2 switches the socket as it needs and bounds each wait itself.
  u_long blocking = 0;
  return ::ioctlsocket(s, FIONBIO, &blocking) == 0 ? 0 : WSAGetLastError();
}

}  // namespace

TcpSocket::TcpSocket(const std::string& host, int port, std::chrono::seconds timeout) {
  startWinsock();
  const std::string where = host + ":" + std::to_string(port);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const int resolved = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found);
  if (resolved != 0)
    throw sdk::RetryLater(where + ": cannot resolve the server's name: " + winsockText(resolved));
  std::unique_ptr<addrinfo, void(WSAAPI*)(addrinfo*)> addresses(found, &::freeaddrinfo);
  int lastError = 0;
  for (const addrinfo* a = found; a != nullptr; a = a->ai_next) {
    // WSASocket without WSA_FLAG_OVERLAPPED would do too; no flag makes it inheritable, so
    // a program brobyg starts never holds the connection.
    const SOCKET s = ::WSASocketW(a->ai_family, a->ai_socktype, a->ai_protocol, nullptr, 0,
                                  WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT);
    if (s == INVALID_SOCKET) {
      lastError = WSAGetLastError();
      continue;
    }
    lastError = connectWithin(s, *a, timeout);
    if (lastError == 0) {
      fd_ = static_cast<Handle>(s);
      return;
    }
    ::closesocket(s);
  }
  throw sdk::RetryLater(where + ": cannot connect: " + winsockText(lastError));
}

void TcpSocket::cut() {
  ::shutdown(static_cast<SOCKET>(fd_), SD_BOTH);
}

TcpSocket::~TcpSocket() {
  if (fd_ != kNone) ::closesocket(static_cast<SOCKET>(fd_));
}

}  // namespace brobyg::sftp
