// The OpenSSH server of tests/servers/sshd.sh (BROBYG_TEST_SSH_*), which scripts/test.sh
// starts. Without it the tests that need it skip, and fail under CI=true.
#pragma once

#include <testing/PluginHarness.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <string>

namespace brobyg::sftp::test {

struct SshServer {
  std::string host, port, user, key, lockedKey, passphrase, hostKeySha256, strangerKey;
  std::filesystem::path root;  // the server's folder for uploads, on this machine
};

std::optional<SshServer> sshServer();
bool underCi();

// A fresh folder under the server's root, unique per process and name.
std::filesystem::path freshRemoteFolder(const SshServer& server, const std::string& name);

// Complete settings (the table's defaults filled in) delivering into `folder`.
testing::SettingsMap settingsFor(const SshServer& server, const std::filesystem::path& folder);

// Lower-case hex SHA-256 of a local file.
std::string sha256Of(const std::filesystem::path& file);

// A file of `size` pseudo-random bytes (the same for the same seed).
void writeRandomFile(const std::filesystem::path& file, std::size_t size, unsigned seed);

}  // namespace brobyg::sftp::test

// Binds `server` (a const SshServer&) or leaves the test: skipped, or failed under CI=true.
#define BROBYG_REQUIRE_SSH_SERVER(server)                                                  \
  const std::optional<::brobyg::sftp::test::SshServer> server##Found =                     \
      ::brobyg::sftp::test::sshServer();                                                   \
  if (!server##Found) {                                                                    \
    if (::brobyg::sftp::test::underCi())                                                   \
      FAIL() << "no SSH test server (BROBYG_TEST_SSH_*): run tests/servers/sshd.sh start"; \
    GTEST_SKIP() << "no SSH test server: eval \"$(bash tests/servers/sshd.sh start)\"";    \
  }                                                                                        \
  const ::brobyg::sftp::test::SshServer& server = *server##Found
