#include "SftpConfig.h"

#include "HostKey.h"

#include <common/FileSettings.h>

#include <stdexcept>

namespace brobyg::sftp {

namespace {

std::string required(const sdk::Settings& settings, const std::string& key) {
  std::string value = settings.string(key);
  if (value.empty()) throw sdk::Error("setting " + key + ": must not be empty");
  if (value.find('\0') != std::string::npos) throw sdk::Error("setting " + key + ": holds NUL");
  return value;
}

std::chrono::seconds duration(const sdk::Settings& settings, const std::string& key,
                              const std::string& fallback) {
  std::chrono::seconds value{0};
  try {
    value = files::parseDuration(settings.string(key, fallback));
  } catch (const std::invalid_argument&) {
    throw sdk::Error("setting " + key + ": expected a duration such as 30s, 5m or 1h");
  }
  // libssh2 takes milliseconds as a long; the table bounds it to an hour.
  if (value.count() < 1 || value > std::chrono::hours(24))
    throw sdk::Error("setting " + key + ": must lie between 1s and 1d");
  return value;
}

}  // namespace

SftpConfig SftpConfig::fromSettings(const sdk::Settings& settings) {
  SftpConfig config;
  config.host = required(settings, "host");
  config.port = static_cast<int>(files::boundedSetting(settings, "port", 22, 1, 65535));
  config.user = required(settings, "user");
  config.hostKeySha256 = pinnedFingerprint(required(settings, "host_key_sha256"));
  config.keyFile = required(settings, "key_file");
  config.passphrase = settings.string("passphrase");
  config.directory = required(settings, "directory");
  while (config.directory.size() > 1 && config.directory.back() == '/') config.directory.pop_back();
  config.connectTimeout = duration(settings, "connect_timeout", "30s");
  config.ioTimeout = duration(settings, "io_timeout", "1m");
  return config;
}

std::string SftpConfig::server() const {
  return user + "@" + host + ":" + std::to_string(port);
}

}  // namespace brobyg::sftp
