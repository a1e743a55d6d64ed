// The platform seam of the PostgreSQL connection: waiting until libpq's socket has input.
// POSIX: poll (SocketWaitPosix.cpp); Windows: Winsock's select (SocketWaitWindows.cpp).
#pragma once

namespace brobyg::sql {

// Ready: input waits. NotYet: the time ran out or the wait was interrupted (the caller checks
// its deadline and waits again). Failed: the socket cannot be waited on.
enum class WaitResult { Ready, NotYet, Failed };

// Waits up to `milliseconds` for `socket` (PQsocket's number) to become readable.
WaitResult waitReadable(int socket, int milliseconds);

}  // namespace brobyg::sql
