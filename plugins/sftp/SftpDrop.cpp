#include "SftpDrop.h"

#include "FileName.h"
#include "SftpErrors.h"
#include "SshConnection.h"

#include <util/Sha256.h>
#include <brobyg_path.hpp>
#include <brobyg_plugin.hpp>

#include <libssh2.h>
#include <libssh2_sftp.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <vector>

namespace brobyg::sftp {

namespace {

constexpr std::size_t kChunk = 1 << 18;  // libssh2 pipelines a large write as many packets

// An open remote file, closed on every path out.
class RemoteFile {
 public:
  RemoteFile(SshConnection& connection, const std::string& path, unsigned long flags, long mode,
             const std::string& what)
      : connection_(connection),
        handle_(libssh2_sftp_open_ex(connection.sftp(), path.c_str(),
                                     static_cast<unsigned>(path.size()), flags, mode,
                                     LIBSSH2_SFTP_OPENFILE)) {
    if (handle_ == nullptr) connection_.fail(path + ": " + what);
  }
  ~RemoteFile() {
    if (handle_ != nullptr) libssh2_sftp_close_handle(handle_);
  }
  RemoteFile(const RemoteFile&) = delete;
  RemoteFile& operator=(const RemoteFile&) = delete;

  LIBSSH2_SFTP_HANDLE* handle() const { return handle_; }
  // Closes and checks the server's answer (the last chance for it to report a write error).
  void close(const std::string& path) {
    LIBSSH2_SFTP_HANDLE* handle = handle_;
    handle_ = nullptr;
    if (libssh2_sftp_close_handle(handle) != 0) connection_.fail(path + ": cannot close");
  }

 private:
  SshConnection& connection_;
  LIBSSH2_SFTP_HANDLE* handle_;
};

struct RemoteEntry {
  std::uint64_t size = 0;
  bool regular = false;
};

// The entry at `path` (not following a symbolic link), or nothing when there is none.
std::optional<RemoteEntry> lookUp(SshConnection& connection, const std::string& path) {
  LIBSSH2_SFTP_ATTRIBUTES attributes{};
  if (libssh2_sftp_stat_ex(connection.sftp(), path.c_str(), static_cast<unsigned>(path.size()),
                           LIBSSH2_SFTP_LSTAT, &attributes) != 0) {
    const unsigned long status = connection.lastSftpStatus();
    if (status == LIBSSH2_FX_NO_SUCH_FILE || status == LIBSSH2_FX_NO_SUCH_PATH) return std::nullopt;
    connection.fail(path + ": cannot look it up");
  }
  RemoteEntry entry;
  entry.size = (attributes.flags & LIBSSH2_SFTP_ATTR_SIZE) != 0 ? attributes.filesize : 0;
  entry.regular = (attributes.flags & LIBSSH2_SFTP_ATTR_PERMISSIONS) != 0 &&
                  LIBSSH2_SFTP_S_ISREG(attributes.permissions);
  return entry;
}

std::string remoteSha256(SshConnection& connection, const std::string& path) {
  RemoteFile file(connection, path, LIBSSH2_FXF_READ, 0, "cannot open to compare");
  Sha256 hash;
  std::vector<char> buffer(kChunk);
  for (;;) {
    const ssize_t n = libssh2_sftp_read(file.handle(), buffer.data(), buffer.size());
    if (n < 0) connection.fail(path + ": cannot read back to compare");
    if (n == 0) break;
    hash.update(buffer.data(), static_cast<std::size_t>(n));
  }
  return hash.hexDigest();
}

// True when `path` holds the package already; throws when it holds something else.
bool alreadyThere(SshConnection& connection, const std::string& path, std::uint64_t size,
                  const std::string& sha256Hex) {
  const std::optional<RemoteEntry> entry = lookUp(connection, path);
  if (!entry) return false;
  if (entry->regular && entry->size == size && remoteSha256(connection, path) == sha256Hex)
    return true;
  throw sdk::Error(connection.server() + ": " + path +
                   ": a different file of that name is already in the remote folder");
}

void removeIfThere(SshConnection& connection, const std::string& path) {
  if (libssh2_sftp_unlink_ex(connection.sftp(), path.c_str(), static_cast<unsigned>(path.size())) ==
      0)
    return;
  const unsigned long status = connection.lastSftpStatus();
  if (status != LIBSSH2_FX_NO_SUCH_FILE && status != LIBSSH2_FX_NO_SUCH_PATH)
    connection.fail(path + ": cannot remove an earlier attempt's temp file");
}

void writeAll(SshConnection& connection, RemoteFile& file, const std::string& path,
              const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = libssh2_sftp_write(file.handle(), data, size);
    if (n < 0) connection.fail(path + ": upload failed");
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

// Uploads the package into `temp` (a new file), checking that what was sent is the package's
// recorded size and SHA-256, and syncs it to the server's disk where the server can.
void upload(SshConnection& connection, const std::string& sourcePath, const std::string& temp,
            std::uint64_t size, const std::string& sha256Hex) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(sdk::openFileUtf8(sourcePath, "rb"),
                                                     &std::fclose);
  if (!in) throw sdk::Error(sourcePath + ": cannot open package: " + std::strerror(errno));
  RemoteFile file(connection, temp, LIBSSH2_FXF_WRITE | LIBSSH2_FXF_CREAT | LIBSSH2_FXF_EXCL,
                  LIBSSH2_SFTP_S_IRUSR | LIBSSH2_SFTP_S_IWUSR | LIBSSH2_SFTP_S_IRGRP,
                  "cannot create the temp file");
  Sha256 hash;
  std::uint64_t sent = 0;
  std::vector<char> buffer(kChunk);
  std::size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), in.get())) > 0) {
    writeAll(connection, file, temp, buffer.data(), n);
    hash.update(buffer.data(), n);
    sent += n;
  }
  if (std::ferror(in.get()) || sent != size || hash.hexDigest() != sha256Hex) {
    file.close(temp);
    removeIfThere(connection, temp);
    throw sdk::Error(sourcePath + ": package changed or could not be read while uploading");
  }
  if (libssh2_sftp_fsync(file.handle()) != 0 &&
      connection.lastSftpStatus() != LIBSSH2_FX_OP_UNSUPPORTED)
    connection.fail(temp + ": cannot sync to the server's disk");
  file.close(temp);
}

}  // namespace

std::string SftpDrop::remotePath(const std::string& fileName) const {
  return config_.directory == "/" ? "/" + fileName : config_.directory + "/" + fileName;
}

void SftpDrop::requireFolder(SshConnection& connection) const {
  LIBSSH2_SFTP_ATTRIBUTES attributes{};
  const std::string& folder = config_.directory;
  if (libssh2_sftp_stat_ex(connection.sftp(), folder.c_str(), static_cast<unsigned>(folder.size()),
                           LIBSSH2_SFTP_STAT, &attributes) != 0) {
    const unsigned long status = connection.lastSftpStatus();
    if (status != LIBSSH2_FX_NO_SUCH_FILE && status != LIBSSH2_FX_NO_SUCH_PATH)
      connection.fail(folder + ": cannot look up the remote folder (setting directory)");
  } else if ((attributes.flags & LIBSSH2_SFTP_ATTR_PERMISSIONS) != 0 &&
             LIBSSH2_SFTP_S_ISDIR(attributes.permissions)) {
    return;
  }
  throw sdk::Error(connection.server() + ": " + folder +
                   ": remote folder does not exist (setting directory)");
}

void SftpDrop::check() const {
  SshConnection connection(config_);
  requireFolder(connection);
}

std::string SftpDrop::deliver(const std::string& sourcePath, const std::string& fileName,
                              std::uint64_t size, const std::string& sha256Hex) const {
  if (!plainFileName(fileName)) throw sdk::Error("package file name is not a plain file name");
  const std::string target = remotePath(fileName);
  // "sftp:user@host:port:/upload/name": the path is the server's, absolute or not.
  const std::string receipt = "sftp:" + config_.server() + ":" + target +
                              " size=" + std::to_string(size) + " sha256=" + sha256Hex;
  SshConnection connection(config_);
  requireFolder(connection);
  if (alreadyThere(connection, target, size, sha256Hex)) return receipt;

  // One name per package: a retry finds what an interrupted attempt left and replaces it.
  // The host's outbox lock means no other delivery of this name is running.
  const std::string temp = remotePath("." + fileName + ".part");
  removeIfThere(connection, temp);
  upload(connection, sourcePath, temp, size, sha256Hex);
  if (libssh2_sftp_rename_ex(connection.sftp(), temp.c_str(), static_cast<unsigned>(temp.size()),
                             target.c_str(), static_cast<unsigned>(target.size()), 0) == 0)
    return receipt;
  const SshConnection::Failure failure =
      connection.lastFailure(temp + ": cannot rename to " + target);
  if (!lookUp(connection, target)) fail(failure.transient, failure.message);
  // Another file took the name meanwhile: the same package counts as delivered.
  removeIfThere(connection, temp);
  alreadyThere(connection, target, size, sha256Hex);
  return receipt;
}

}  // namespace brobyg::sftp
