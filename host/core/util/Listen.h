#pragma once

#include <Poco/Net/SocketAddress.h>

namespace brobyg {

// Binds a server socket and starts listening with SO_REUSEADDR (a restart need not wait out
// TIME_WAIT) but without SO_REUSEPORT. Poco 1.11's address constructors of ServerSocket and
// SecureServerSocket set both, so a second process of the same user (another brobygd) binds
// the same port without an error and the kernel hands it part of the connections.
// Windows is different: there SO_REUSEADDR lets a later socket take over a bound port, and a
// listening socket may bind next to TIME_WAIT connections without it, so it is not set at all.
template <class ServerSocket>
void listenExclusively(ServerSocket& socket, const Poco::Net::SocketAddress& address, int backlog) {
#ifdef _WIN32
  socket.bind(address, /*reuseAddress=*/false, /*reusePort=*/false);
#else
  socket.bind(address, /*reuseAddress=*/true, /*reusePort=*/false);
#endif
  socket.listen(backlog);
}

}  // namespace brobyg
