#include "SocketWait.h"

#include <winsock2.h>

namespace brobyg::sql {

WaitResult waitReadable(int socket, int milliseconds) {
  // PQsocket gives the SOCKET as an int; Windows' socket numbers fit in one.
  const auto s = static_cast<SOCKET>(socket);
  fd_set readable;
  FD_ZERO(&readable);
  FD_SET(s, &readable);
  timeval limit{milliseconds / 1000, (milliseconds % 1000) * 1000};
  const int ready = ::select(0, &readable, nullptr, nullptr, &limit);
  if (ready == SOCKET_ERROR) return WaitResult::Failed;
  return ready > 0 ? WaitResult::Ready : WaitResult::NotYet;
}

}  // namespace brobyg::sql
