#include "SocketWait.h"

#include <poll.h>

#include <cerrno>

namespace brobyg::sql {

WaitResult waitReadable(int socket, int milliseconds) {
  pollfd fd{socket, POLLIN, 0};
  const int ready = ::poll(&fd, 1, milliseconds);
  if (ready < 0) return errno == EINTR ? WaitResult::NotYet : WaitResult::Failed;
  return ready > 0 ? WaitResult::Ready : WaitResult::NotYet;
}

}  // namespace brobyg::sql
