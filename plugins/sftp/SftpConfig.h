// The sftp plugin's settings, checked once when the instance is created.
#pragma once

#include <brobyg_plugin.hpp>

#include <chrono>
#include <string>

namespace brobyg::sftp {

struct SftpConfig {
  std::string host;
  int port = 22;
  std::string user;
  std::string hostKeySha256;  // "SHA256:<43 base64 characters>", as ssh-keygen -lf prints it
  std::string keyFile;
  std::string passphrase;  // secret: never in a message
  std::string directory;   // on the server, without a trailing '/'
  std::chrono::seconds connectTimeout{30};
  std::chrono::seconds ioTimeout{60};

  // Throws sdk::Error naming the setting (never a secret's value).
  static SftpConfig fromSettings(const sdk::Settings& settings);

  // "user@host:port", for messages and receipts.
  std::string server() const;
};

}  // namespace brobyg::sftp
