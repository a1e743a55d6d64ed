#pragma once

#include <Poco/Net/SocketAddress.h>

namespace brobyg {

// Binds a server socket and starts listening with SO_REUSEADDR (a restart need not wait out
// TIME_WAIT) but without SO_REUSEPORT. Poco 1.11's address constructors of ServerSocket and
// SecureServerSocket set both, so a second process of the same user (another brobygd) binds
// the same port without an error and the kernel hands it part of the connections.
template <class ServerSocket>
void listenExclusively(ServerSocket& socket, const Poco::Net::SocketAddress& address, int backlog) {
  socket.bind(address, /*reuseAddress=*/true, /*reusePort=*/false);
  socket.listen(backlog);
}

}  // namespace brobyg
