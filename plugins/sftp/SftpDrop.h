// Puts a package file into a folder on an SFTP server so that a reader of that folder never
// sees a partial file: upload to a hidden temp name in the same folder, fsync it where the
// server offers fsync@openssh.com, then rename it to the final name (SFTP version 3, which
// OpenSSH speaks, renames with link(2) and so never replaces an existing file).
#pragma once

#include "SftpConfig.h"
#include "SshConnection.h"

#include <cstdint>
#include <string>

namespace brobyg::sftp {

class SftpDrop {
 public:
  explicit SftpDrop(SftpConfig config) : config_(std::move(config)) {}

  // Delivers `sourcePath` as `fileName`, over a fresh connection. A file of that name with
  // the same size and SHA-256 (read back from the server) is an earlier delivery of the same
  // package: the same receipt, nothing uploaded. One with other content is an error, never
  // overwritten. A temp file left by an interrupted attempt is replaced. Returns the receipt.
  std::string deliver(const std::string& sourcePath, const std::string& fileName,
                      std::uint64_t size, const std::string& sha256Hex) const;

  // Connects, logs in and checks that the remote folder exists.
  void check() const;

  const SftpConfig& config() const { return config_; }

 private:
  std::string remotePath(const std::string& fileName) const;
  // Throws sdk::Error naming the setting directory when the remote folder is not there.
  void requireFolder(SshConnection& connection) const;

  SftpConfig config_;
};

}  // namespace brobyg::sftp
