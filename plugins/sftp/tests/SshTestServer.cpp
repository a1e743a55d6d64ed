#include "SshTestServer.h"

#include "../SftpSettingsTable.h"

#include <util/Sha256.h>

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <vector>

namespace fs = std::filesystem;

namespace brobyg::sftp::test {

namespace {
std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}
}  // namespace

bool underCi() {
  return env("CI") == "true";
}

std::optional<SshServer> sshServer() {
  SshServer server{env("BROBYG_TEST_SSH_HOST"),
                   env("BROBYG_TEST_SSH_PORT"),
                   env("BROBYG_TEST_SSH_USER"),
                   env("BROBYG_TEST_SSH_KEY"),
                   env("BROBYG_TEST_SSH_LOCKED_KEY"),
                   env("BROBYG_TEST_SSH_PASSPHRASE"),
                   env("BROBYG_TEST_SSH_HOST_KEY_SHA256"),
                   env("BROBYG_TEST_SSH_STRANGER_KEY"),
                   env("BROBYG_TEST_SSH_ROOT")};
  if (server.host.empty() || server.port.empty() || server.key.empty() ||
      server.hostKeySha256.empty() || server.strangerKey.empty() || server.root.empty() ||
      !fs::is_directory(server.root))
    return std::nullopt;
  return server;
}

fs::path freshRemoteFolder(const SshServer& server, const std::string& name) {
  const fs::path folder = server.root / (name + "-" + std::to_string(::getpid()));
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

testing::SettingsMap settingsFor(const SshServer& server, const fs::path& folder) {
  testing::SettingsMap settings{
      {"host", server.host},     {"port", server.port},
      {"user", server.user},     {"host_key_sha256", server.hostKeySha256},
      {"key_file", server.key},  {"directory", folder.generic_string()},
      {"connect_timeout", "5s"}, {"io_timeout", "10s"}};
  return testing::withDefaults(kSettings, std::size(kSettings), settings);
}

std::string sha256Of(const fs::path& file) {
  return Sha256::hexOfFile(file.string());
}

void writeRandomFile(const fs::path& file, std::size_t size, unsigned seed) {
  std::mt19937 random(seed);
  std::vector<char> bytes(size);
  for (char& b : bytes) b = static_cast<char>(random());
  std::ofstream(file, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(size));
}

}  // namespace brobyg::sftp::test
