#include "SftpErrors.h"

#include <brobyg_plugin.hpp>

#include <libssh2.h>
#include <libssh2_sftp.h>

namespace brobyg::sftp {

bool transientSessionError(int code) {
  switch (code) {
    case LIBSSH2_ERROR_SOCKET_NONE:
    case LIBSSH2_ERROR_BANNER_RECV:
    case LIBSSH2_ERROR_BANNER_SEND:
    case LIBSSH2_ERROR_SOCKET_SEND:
    case LIBSSH2_ERROR_SOCKET_RECV:
    case LIBSSH2_ERROR_SOCKET_DISCONNECT:
    case LIBSSH2_ERROR_SOCKET_TIMEOUT:
    case LIBSSH2_ERROR_TIMEOUT:
    case LIBSSH2_ERROR_EAGAIN:
    case LIBSSH2_ERROR_BAD_SOCKET:
    case LIBSSH2_ERROR_CHANNEL_CLOSED:
    case LIBSSH2_ERROR_CHANNEL_EOF_SENT:
    case LIBSSH2_ERROR_CHANNEL_FAILURE:  // e.g. the server's MaxSessions reached
      return true;
    default:
      return false;
  }
}

bool transientSftpStatus(unsigned long status) {
  switch (status) {
    case LIBSSH2_FX_NO_CONNECTION:
    case LIBSSH2_FX_CONNECTION_LOST:
    case LIBSSH2_FX_NO_SPACE_ON_FILESYSTEM:
    case LIBSSH2_FX_QUOTA_EXCEEDED:
    case LIBSSH2_FX_LOCK_CONFLICT:
    // OpenSSH's sftp-server answers FAILURE for any errno it has no code for: an I/O error
    // or a full disk on the server, which pass; a configuration problem has its own code.
    case LIBSSH2_FX_FAILURE:
      return true;
    default:
      return false;
  }
}

std::string sftpStatusText(unsigned long status) {
  switch (status) {
    case LIBSSH2_FX_EOF:
      return "end of file";
    case LIBSSH2_FX_NO_SUCH_FILE:
      return "no such file";
    case LIBSSH2_FX_PERMISSION_DENIED:
      return "permission denied";
    case LIBSSH2_FX_FAILURE:
      return "failure";
    case LIBSSH2_FX_BAD_MESSAGE:
      return "bad message";
    case LIBSSH2_FX_NO_CONNECTION:
      return "no connection";
    case LIBSSH2_FX_CONNECTION_LOST:
      return "connection lost";
    case LIBSSH2_FX_OP_UNSUPPORTED:
      return "operation unsupported";
    case LIBSSH2_FX_NO_SUCH_PATH:
      return "no such path";
    case LIBSSH2_FX_FILE_ALREADY_EXISTS:
      return "file already exists";
    case LIBSSH2_FX_WRITE_PROTECT:
      return "write protected";
    case LIBSSH2_FX_NO_SPACE_ON_FILESYSTEM:
      return "no space left on the server";
    case LIBSSH2_FX_QUOTA_EXCEEDED:
      return "quota exceeded";
    case LIBSSH2_FX_NOT_A_DIRECTORY:
      return "not a directory";
    default:
      return "SFTP status " + std::to_string(status);
  }
}

void fail(bool transient, const std::string& message) {
  if (transient) throw sdk::RetryLater(message);
  throw sdk::Error(message);
}

}  // namespace brobyg::sftp
