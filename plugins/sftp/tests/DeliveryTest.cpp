// The plugin through its C descriptor, as the host drives it, against a real OpenSSH server
// (tests/servers/sshd.sh): the issue's cases (wrong host key, repeat, dropped connection,
// name taken) and the failures an admin meets (key file, login, folder, timeouts).
#include "SshTestServer.h"
#include "TcpRelay.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>

extern "C" const brobyg_plugin_descriptor* brobyg_plugin_entry(void);

namespace fs = std::filesystem;
using brobyg::testing::CallResult;
using brobyg::testing::CreateArgs;
using brobyg::testing::DestinationInstance;
using brobyg::testing::SettingsMap;

namespace brobyg::sftp::test {
namespace {

struct Package {
  fs::path path;
  std::uint64_t size;
  std::string sha256;
};

Package makePackage(const fs::path& dir, std::size_t size, unsigned seed) {
  fs::create_directories(dir);
  const fs::path file = dir / ("package-" + std::to_string(seed) + ".cms");
  writeRandomFile(file, size, seed);
  return {file, size, sha256Of(file)};
}

// One delivery through a fresh instance with `settings`.
std::pair<CallResult, std::string> deliver(const SettingsMap& settings, const Package& package,
                                           const std::string& name = "101-job-p1.cms") {
  CreateArgs args(settings, nullptr);
  DestinationInstance instance(brobyg_plugin_entry(), args);
  if (!instance.created().ok()) return {instance.created(), ""};
  return instance.deliver("p1", package.path.string(), package.size, package.sha256, name);
}

std::vector<std::string> namesIn(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(folder))
    names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

class SftpDelivery : public ::testing::Test {
 protected:
  fs::path local() const {
    return fs::temp_directory_path() /
           ("brobyg-sftp-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
  }
  void TearDown() override { fs::remove_all(local()); }
};

TEST_F(SftpDelivery, UploadsAnIdenticalCopyUnderTheFinalNameAndLeavesNoTempFile) {
  BROBYG_REQUIRE_SSH_SERVER(server);
  const fs::path folder = freshRemoteFolder(server, "identical");
  const Package package = makePackage(local(), 3 * 1024 * 1024 + 17, 1);
  auto [result, receipt] = deliver(settingsFor(server, folder), package);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(namesIn(folder), std::vector<std::string>{"101-job-p1.cms"});
  EXPECT_EQ(sha256Of(folder / "101-job-p1.cms"), package.sha256);
  EXPECT_EQ(receipt, "sftp:" + server.user + "@" + server.host + ":" + server.port + ":" +
                         (folder / "101-job-p1.cms").generic_string() +
                         " size=" + std::to_string(package.size) + " sha256=" + package.sha256);
  // Readable by the evaluator's group, not by everyone on the server. (Not seen from Windows:
  // its std::filesystem makes the mode bits up from the read-only attribute.)
#ifndef _WIN32
  EXPECT_EQ(fs::status(folder / "101-job-p1.cms").permissions() & fs::perms::others_all,
            fs::perms::none);
#endif
  fs::remove_all(folder);
}

TEST_F(SftpDelivery, ARepeatIsTheSameReceiptAndOneFile) {
  BROBYG_REQUIRE_SSH_SERVER(server);
  const fs::path folder = freshRemoteFolder(server, "repeat");
  const Package package = makePackage(local(), 100000, 2);
  auto first = deliver(settingsFor(server, folder), package);
  ASSERT_TRUE(first.first.ok()) << first.first.error;
  const auto written = fs::last_write_time(folder / "101-job-p1.cms");
  auto again = deliver(settingsFor(server, folder), package);
  ASSERT_TRUE(again.first.ok()) << again.first.error;
  EXPECT_EQ(again.second, first.second);
  EXPECT_EQ(namesIn(folder), std::vector<std::string>{"101-job-p1.cms"});
  EXPECT_EQ(fs::last_write_time(folder / "101-job-p1.cms"), written);  // not uploaded again
  fs::remove_all(folder);
}

TEST_F(SftpDelivery, AWrongHostKeyIsRefusedBeforeLoginNamingBothFingerprints) {
  BROBYG_REQUIRE_SSH_SERVER(server);
  const fs::path folder = freshRemoteFolder(server, "hostkey");
  const Package package = makePackage(local(), 1000, 3);
  SettingsMap settings = settingsFor(server, folder);
  const std::string other = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s";
  settings["host_key_sha256"] = other;
  // The key file is missing: a plugin that logged in first would complain about it instead.
  settings["key_file"] = (local() / "no-such-key").string();
  auto [result, receipt] = deliver(settings, package);
  EXPECT_EQ(result.code, BROBYG_FAILED) << result.error;  // permanent, not retry-later
  EXPECT_NE(result.error.find("host key refused before login"), std::string::npos) << result.error;
  EXPECT_NE(result.error.find(server.host + ":" + server.port), std::string::npos) << result.error;
  EXPECT_NE(result.error.find("expected " + other), std::string::npos) << result.error;
  EXPECT_NE(result.error.find("showed " + server.hostKeySha256), std::string::npos) << result.error;
  EXPECT_TRUE(namesIn(folder).empty());
  fs::remove_all(folder);
}

TEST_F(SftpDelivery, ADifferentFileUnderTheNameIsNeverOverwritten) {
  BROBYG_REQUIRE_SSH_SERVER(server);
  const fs::path folder = freshRemoteFolder(server, "taken");
  const Package package = makePackage(local(), 5000, 4);
  // The same size, other bytes: only the read-back hash tells them apart.
  writeRandomFile(folder / "101-job-p1.cms", 5000, 99);
  const std::string before = sha256Of(folder / "101-job-p1.cms");
  auto [result, receipt] = deliver(settingsFor(server, folder), package);
  EXPECT_EQ(result.code, BROBYG_FAILED) << result.error;
  EXPECT_NE(result.error.find("a different file of that name is already in the remote folder"),
            std::string::npos)
      << result.error;
  EXPECT_EQ(sha256Of(folder / "101-job-p1.cms"), before);
  EXPECT_EQ(namesIn(folder), std::vector<std::string>{"101-job-p1.cms"});
  fs::remove_all(folder);
}

TEST_F(SftpDelivery, AConnectionDroppedMidUploadIsRetriedAndDeliveredOnce) {
  BROBYG_REQUIRE_SSH_SERVER(server);
  const fs::path folder = freshRemoteFolder(server, "dropped");
  const Package package = makePackage(local(), 4 * 1024 * 1024, 5);
  TcpRelay relay(std::stoi(server.port), TcpRelay::Mode::Forward);
  SettingsMap settings = settingsFor(server, folder);
  settings["port"] = std::to_string(relay.port());
  // Cut once 2 MiB of the 4 MiB package have gone out: the temp file is there, half written.
  relay.cutAfter(2 * 1024 * 1024);
  auto [cut, none] = deliver(settings, package);
  EXPECT_EQ(relay.cuts(), 1);
  EXPECT_EQ(cut.code, BROBYG_RETRY_LATER) << cut.error;
  EXPECT_FALSE(fs::exists(folder / "101-job-p1.cms"));
  ASSERT_TRUE(fs::exists(folder / ".101-job-p1.cms.part"));
  EXPECT_LT(fs::file_size(folder / ".101-job-p1.cms.part"), package.size);

  // The host retries the same bytes under the same id: delivered, once, the temp file gone.
  relay.cutAfter(0);
  auto [retried, receipt] = deliver(settings, package);
  ASSERT_TRUE(retried.ok()) << retried.error;
  EXPECT_EQ(namesIn(folder), std::vector<std::string>{"101-job-p1.cms"});
  EXPECT_EQ(sha256Of(folder / "101-job-p1.cms"), package.sha256);
  fs::remove_all(folder);
}

TEST_F(SftpDelivery, AServerThatNeverAnswersIsRetryLaterWithinTheTimeout) {
  BROBYG_REQUIRE_SSH_SERVER(server);
  const Package package = makePackage(local(), 1000, 6);
  TcpRelay silent(std::stoi(server.port), TcpRelay::Mode::Silent);
  SettingsMap settings = settingsFor(server, server.root);
  settings["port"] = std::to_string(silent.port());
  settings["io_timeout"] = "1s";
  const auto start = std::chrono::steady_clock::now();
  auto [result, receipt] = deliver(settings, package);
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(result.code, BROBYG_RETRY_LATER) << result.error;
  EXPECT_LT(took, std::chrono::seconds(10));
}

TEST_F(SftpDelivery, AServerThatIsDownIsRetryLater) {
  BROBYG_REQUIRE_SSH_SERVER(server);
  const Package package = makePackage(local(), 1000, 7);
  int closedPort = 0;
  {
    // A port nobody listens on: a relay's, after it is gone.
    TcpRelay gone(std::stoi(server.port), TcpRelay::Mode::Forward);
    closedPort = gone.port();
  }
  SettingsMap settings = settingsFor(server, server.root);
  settings["port"] = std::to_string(closedPort);
  auto [result, receipt] = deliver(settings, package);
  EXPECT_EQ(result.code, BROBYG_RETRY_LATER) << result.error;
  EXPECT_NE(result.error.find("cannot connect"), std::string::npos) << result.error;
}

TEST_F(SftpDelivery, AKeyFileOthersCanReadIsRefusedNamingTheSetting) {
  BROBYG_REQUIRE_SSH_SERVER(server);
  const fs::path folder = freshRemoteFolder(server, "keymode");
  const Package package = makePackage(local(), 1000, 8);
  const fs::path key = local() / "readable_key";
  fs::copy_file(server.key, key);
  fs::permissions(key, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                           fs::perms::others_read);
  SettingsMap settings = settingsFor(server, folder);
  settings["key_file"] = key.string();
  auto [result, receipt] = deliver(settings, package);
  EXPECT_EQ(result.code, BROBYG_FAILED) << result.error;
  EXPECT_NE(result.error.find("setting key_file refused"), std::string::npos) << result.error;
  // The command that repairs it: FileSecurityPosix.cpp's or FileSecurityWindows.cpp's.
#ifdef _WIN32
  EXPECT_NE(result.error.find("icacls"), std::string::npos) << result.error;
#else
  EXPECT_NE(result.error.find("chmod 600"), std::string::npos) << result.error;
#endif
  EXPECT_TRUE(namesIn(folder).empty());
  fs::remove_all(folder);
}

TEST_F(SftpDelivery, AKeyWithAPassphraseLogsInWithItAndNotWithout) {
  BROBYG_REQUIRE_SSH_SERVER(server);
  const fs::path folder = freshRemoteFolder(server, "passphrase");
  const Package package = makePackage(local(), 1000, 9);
  SettingsMap settings = settingsFor(server, folder);
  settings["key_file"] = server.lockedKey;
  auto [without, none] = deliver(settings, package);
  EXPECT_EQ(without.code, BROBYG_FAILED) << without.error;
  EXPECT_NE(without.error.find("setting key_file: cannot use the private key"), std::string::npos)
      << without.error;
  settings["passphrase"] = server.passphrase;
  auto [with, receipt] = deliver(settings, package);
  ASSERT_TRUE(with.ok()) << with.error;
  EXPECT_EQ(namesIn(folder), std::vector<std::string>{"101-job-p1.cms"});
  EXPECT_EQ(without.error.find(server.passphrase), std::string::npos);
  fs::remove_all(folder);
}

TEST_F(SftpDelivery, AKeyTheServerDoesNotKnowIsALoginRefused) {
  BROBYG_REQUIRE_SSH_SERVER(server);
  const fs::path folder = freshRemoteFolder(server, "unknownkey");
  const Package package = makePackage(local(), 1000, 10);
  SettingsMap settings = settingsFor(server, folder);
  settings["key_file"] = server.strangerKey;
  auto [result, receipt] = deliver(settings, package);
  EXPECT_EQ(result.code, BROBYG_FAILED) << result.error;
  EXPECT_NE(result.error.find("login refused"), std::string::npos) << result.error;
  EXPECT_TRUE(namesIn(folder).empty());
  fs::remove_all(folder);
}

TEST_F(SftpDelivery, CheckPassesForTheFolderAndNamesAMissingOne) {
  BROBYG_REQUIRE_SSH_SERVER(server);
  const fs::path folder = freshRemoteFolder(server, "check");
  {
    CreateArgs args(settingsFor(server, folder), nullptr);
    DestinationInstance instance(brobyg_plugin_entry(), args);
    const CallResult checked = instance.check();
    EXPECT_TRUE(checked.ok()) << checked.error;
  }
  CreateArgs args(settingsFor(server, folder / "missing"), nullptr);
  DestinationInstance instance(brobyg_plugin_entry(), args);
  const CallResult checked = instance.check();
  EXPECT_EQ(checked.code, BROBYG_FAILED) << checked.error;
  EXPECT_NE(checked.error.find("remote folder does not exist (setting directory)"),
            std::string::npos)
      << checked.error;
  fs::remove_all(folder);
}

}  // namespace
}  // namespace brobyg::sftp::test
