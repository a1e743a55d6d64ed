// How libssh2's failures map onto the SDK's two kinds: sdk::RetryLater for what passes by
// itself (the server is down, the connection dropped or stalled, the server's disk is full)
// and sdk::Error for what needs an admin (the host key, the login, a missing folder, a name
// taken by another file). The host's outbox retries both with backoff; the kind decides how
// the message reads and how `brobyg check` reports it.
#pragma once

#include <string>

namespace brobyg::sftp {

// A libssh2 session error code (LIBSSH2_ERROR_*) that a later attempt may not meet.
bool transientSessionError(int code);
// An SFTP status (LIBSSH2_FX_*) that a later attempt may not meet.
bool transientSftpStatus(unsigned long status);
// A few words for an SFTP status, e.g. "no such file".
std::string sftpStatusText(unsigned long status);

// Throws sdk::RetryLater when `transient`, else sdk::Error.
[[noreturn]] void fail(bool transient, const std::string& message);

}  // namespace brobyg::sftp
