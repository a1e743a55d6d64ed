// The plugin through its C descriptor, as the host drives it, against a real local HTTPS
// server that requires a client certificate (ReceiverServer): the network faults
// (receiver down, slow, answering 500, cutting the connection mid-upload), the certificate
// checks (unknown CA, wrong host name: nothing sent) and the receiver's refusals.
#include "FileMode.h"
#include "ReceiverServer.h"
#include "TestPki.h"

#include "../../sftp/tests/TcpRelay.h"
#include "../HttpsSettingsTable.h"

#include <common/testing/TestFiles.hpp>
#include <testing/PluginHarness.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <random>

extern "C" const brobyg_plugin_descriptor* brobyg_plugin_entry(void);

namespace fs = std::filesystem;
using brobyg::testing::CallResult;
using brobyg::testing::CreateArgs;
using brobyg::testing::DestinationInstance;
using brobyg::testing::SettingsMap;

namespace brobyg::https::test {
namespace {

struct Package {
  fs::path path;
  std::string bytes;
};

Package makePackage(const fs::path& dir, std::size_t size, unsigned seed) {
  std::mt19937 random(seed);
  std::string bytes(size, '\0');
  for (char& c : bytes) c = static_cast<char>(random() & 0xff);
  const fs::path file = dir / ("package-" + std::to_string(seed) + ".cms");
  filetest::writeFile(file, bytes);
  return {file, bytes};
}

SettingsMap settingsFor(const std::string& url) {
  const TestPki& pki = TestPki::get();
  return {{"url", url},
          {"ca_file", pki.file("ca.crt")},
          {"certificate", pki.file("client.crt")},
          {"key_file", pki.file("client.key")},
          {"connect_timeout", "5s"},
          {"timeout", "5s"}};
}

std::string localUrl(int port) {
  return "https://localhost:" + std::to_string(port) + "/";
}

// One delivery of `package` as "p1" through a fresh instance with `settings`.
std::pair<CallResult, std::string> deliver(const SettingsMap& settings, const Package& package,
                                           const std::string& id = "p1") {
  CreateArgs args(testing::withDefaults(kSettings, std::size(kSettings), settings), nullptr);
  DestinationInstance instance(brobyg_plugin_entry(), args);
  if (!instance.created().ok()) return {instance.created(), ""};
  return instance.deliver(id, package.path.string(), package.bytes.size(), "unused",
                          "101-job-" + id + ".cms");
}

Answer receipt(const SeenRequest& request) {
  return {200, "RECEIPT for " + request.target, {}};
}

class HttpsDelivery : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = filetest::freshDirectory(
        "https", ::testing::UnitTest::GetInstance()->current_test_info()->name());
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(HttpsDelivery, PutsTheBytesUnderThePackageIdAndReturnsTheReceipt) {
  ReceiverServer server("server", receipt);
  const Package package = makePackage(dir_, 3 * 1024 * 1024 + 17, 1);
  auto [result, text] = deliver(settingsFor(server.url()), package);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(text, "RECEIPT for /packages/p1");
  ASSERT_EQ(server.requests().size(), 1u);
  const SeenRequest seen = server.requests()[0];
  EXPECT_EQ(seen.method, "PUT");
  EXPECT_EQ(seen.target, "/packages/p1");
  EXPECT_EQ(seen.contentLength, std::to_string(package.bytes.size()));
  EXPECT_TRUE(seen.body == package.bytes);
}

TEST_F(HttpsDelivery, ABasePathIsKeptAndARepeatSendsTheSameBytesUnderTheSameId) {
  ReceiverServer server("server", receipt);
  const Package package = makePackage(dir_, 1000, 2);
  SettingsMap settings = settingsFor(server.url() + "vive/inbox");
  ASSERT_TRUE(deliver(settings, package).first.ok());
  auto [again, text] = deliver(settings, package);
  ASSERT_TRUE(again.ok()) << again.error;
  EXPECT_EQ(text, "RECEIPT for /vive/inbox/packages/p1");
  ASSERT_EQ(server.requests().size(), 2u);
  EXPECT_EQ(server.requests()[1].target, server.requests()[0].target);
  EXPECT_TRUE(server.requests()[1].body == server.requests()[0].body);
}

TEST_F(HttpsDelivery, AnEncryptedKeyIsReadWithItsPassphrase) {
  ReceiverServer server("server", receipt);
  const Package package = makePackage(dir_, 100, 3);
  SettingsMap settings = settingsFor(server.url());
  settings["key_file"] = TestPki::get().file("client_pass.key");
  auto [refused, none] = deliver(settings, package);
  EXPECT_EQ(refused.code, BROBYG_FAILED);
  EXPECT_NE(refused.error.find("needs the setting passphrase"), std::string::npos) << refused.error;
  settings["passphrase"] = "test-passphrase";
  auto [result, text] = deliver(settings, package);
  EXPECT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(refused.error.find("test-passphrase"), std::string::npos);
}

TEST_F(HttpsDelivery, AKeyFileOthersCanReadIsRefusedBeforeConnecting) {
  ReceiverServer server("server", receipt);
  const Package package = makePackage(dir_, 100, 4);
  const fs::path key = dir_ / "client.key";
  fs::copy_file(TestPki::get().file("client.key"), key);
  brobyg::test::setFileMode(key.string(), 0644);
  SettingsMap settings = settingsFor(server.url());
  settings["key_file"] = key.string();
  auto [result, text] = deliver(settings, package);
  EXPECT_EQ(result.code, BROBYG_FAILED);
  EXPECT_NE(result.error.find("key_file"), std::string::npos) << result.error;
  EXPECT_TRUE(server.requests().empty());
}

TEST_F(HttpsDelivery, AReceiverThatIsDownIsRetriedLater) {
  const Package package = makePackage(dir_, 100, 5);
  auto [result, text] = deliver(settingsFor(localUrl(closedPort())), package);
  EXPECT_EQ(result.code, BROBYG_RETRY_LATER) << result.error;
  EXPECT_NE(result.error.find("localhost"), std::string::npos) << result.error;
}

TEST_F(HttpsDelivery, AReceiverSlowerThanTheTimeoutIsRetriedLater) {
  ReceiverServer server("server", [](const SeenRequest& r) {
    return Answer{200, "late " + r.target, std::chrono::milliseconds(3000)};
  });
  const Package package = makePackage(dir_, 100, 6);
  SettingsMap settings = settingsFor(server.url());
  settings["timeout"] = "1s";
  const auto start = std::chrono::steady_clock::now();
  auto [result, text] = deliver(settings, package);
  EXPECT_EQ(result.code, BROBYG_RETRY_LATER) << result.error;
  EXPECT_NE(result.error.find("timeout"), std::string::npos) << result.error;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(2900));
}

TEST_F(HttpsDelivery, BusyOrBrokenReceiversAreRetriedLater) {
  for (int status : {500, 502, 503, 429, 408}) {
    ReceiverServer server("server", [status](const SeenRequest&) {
      return Answer{status, "busy\nmore", {}};
    });
    auto [result, text] = deliver(settingsFor(server.url()), makePackage(dir_, 100, 7));
    EXPECT_EQ(result.code, BROBYG_RETRY_LATER) << status << ": " << result.error;
    EXPECT_NE(result.error.find("answered " + std::to_string(status) + ": busy"), std::string::npos)
        << result.error;
    EXPECT_EQ(result.error.find("more"), std::string::npos) << result.error;
  }
}

TEST_F(HttpsDelivery, RefusalsAreErrorsNamingTheStatusAndTheReason) {
  for (int status : {400, 403, 409, 413, 422, 404}) {
    ReceiverServer server("server", [status](const SeenRequest&) {
      return Answer{status, "signer is not the certificate pinned for 0101", {}};
    });
    auto [result, text] = deliver(settingsFor(server.url()), makePackage(dir_, 100, 8));
    EXPECT_EQ(result.code, BROBYG_FAILED) << status;
    EXPECT_NE(result.error.find("answered " + std::to_string(status) +
                                ": signer is not the certificate pinned for 0101"),
              std::string::npos)
        << result.error;
  }
}

TEST_F(HttpsDelivery, ASuccessWithoutAReceiptIsRetried) {
  ReceiverServer server("server", [](const SeenRequest&) { return Answer{200, "", {}}; });
  auto [result, text] = deliver(settingsFor(server.url()), makePackage(dir_, 100, 9));
  EXPECT_EQ(result.code, BROBYG_RETRY_LATER) << result.error;
}

TEST_F(HttpsDelivery, AConnectionCutMidUploadIsRetriedThenDeliveredOnce) {
  std::atomic<int> stored{0};
  // Stored only when the whole body arrived, as a receiver checks Content-Length.
  ReceiverServer server("server", [&](const SeenRequest& r) {
    if (std::to_string(r.body.size()) != r.contentLength) return Answer{400, "short body", {}};
    ++stored;
    return receipt(r);
  });
  sftp::test::TcpRelay relay(server.port(), sftp::test::TcpRelay::Mode::Forward);
  relay.cutAfter(512 * 1024);
  const Package package = makePackage(dir_, 2 * 1024 * 1024, 10);
  auto [cut, none] = deliver(settingsFor(localUrl(relay.port())), package);
  EXPECT_EQ(cut.code, BROBYG_RETRY_LATER) << cut.error;
  EXPECT_EQ(relay.cuts(), 1);
  EXPECT_EQ(stored, 0);
  relay.cutAfter(0);
  auto [result, text] = deliver(settingsFor(localUrl(relay.port())), package);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(stored, 1);
  EXPECT_TRUE(server.requests().back().body == package.bytes);
}

// Poco's TLS handshake waits about 5 s for a silent peer whatever the timeouts (a fixed bound
// of its own): still bounded, and retried.
TEST_F(HttpsDelivery, AStalledConnectionIsRetriedWithinBoundedTime) {
  sftp::test::TcpRelay relay(0, sftp::test::TcpRelay::Mode::Silent);
  SettingsMap settings = settingsFor(localUrl(relay.port()));
  settings["connect_timeout"] = "1s";
  settings["timeout"] = "1s";
  const auto start = std::chrono::steady_clock::now();
  auto [result, text] = deliver(settings, makePackage(dir_, 100, 11));
  EXPECT_EQ(result.code, BROBYG_RETRY_LATER) << result.error;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(9)) << result.error;
}

// Each certificate failure: an error (another try gets the same answer) naming what to check,
// and the receiver saw no request.
void expectRefusedBeforeSending(const std::string& certificate, const std::string& url,
                                const SettingsMap& overrides, const fs::path& dir) {
  ReceiverServer server(certificate, receipt);
  SettingsMap settings = settingsFor(url.empty() ? server.url() : url);
  for (const auto& [key, value] : overrides) settings[key] = value;
  auto [result, text] = deliver(settings, makePackage(dir, 4096, 12));
  EXPECT_EQ(result.code, BROBYG_FAILED) << certificate << ": " << result.error;
  EXPECT_NE(result.error.find("TLS"), std::string::npos) << result.error;
  EXPECT_TRUE(server.requests().empty()) << certificate;
}

TEST_F(HttpsDelivery, AReceiverCertificateFromAnUnknownCaIsRefusedAndNothingSent) {
  expectRefusedBeforeSending("other_server", "", {}, dir_);
}

TEST_F(HttpsDelivery, AReceiverCertificateForAnotherHostIsRefusedAndNothingSent) {
  expectRefusedBeforeSending("wrong_name", "", {}, dir_);
}

TEST_F(HttpsDelivery, TheHostNameIsCheckedForAnIpAddressToo) {
  // server.crt names 127.0.0.1 too; wrong_name.crt does not.
  ReceiverServer named("wrong_name", receipt);
  expectRefusedBeforeSending("wrong_name",
                             "https://127.0.0.1:" + std::to_string(named.port()) + "/", {}, dir_);
  EXPECT_TRUE(named.requests().empty());
}

TEST_F(HttpsDelivery, ASenderTheReceiverDoesNotKnowIsRefusedForGood) {
  const TestPki& pki = TestPki::get();
  ReceiverServer server("server", receipt);
  SettingsMap settings = settingsFor(server.url());
  settings["certificate"] = pki.file("stranger.crt");
  settings["key_file"] = pki.file("stranger.key");
  auto [result, text] = deliver(settings, makePackage(dir_, 4096, 13));
  EXPECT_FALSE(result.ok()) << result.error;
  EXPECT_TRUE(server.requests().empty()) << result.error;
}

TEST_F(HttpsDelivery, CheckCompletesTheHandshakeAndSendsNothing) {
  ReceiverServer server("server", receipt);
  CreateArgs args(testing::withDefaults(kSettings, std::size(kSettings), settingsFor(server.url())),
                  nullptr);
  DestinationInstance good(brobyg_plugin_entry(), args);
  ASSERT_TRUE(good.created().ok()) << good.created().error;
  EXPECT_TRUE(good.check().ok()) << good.check().error;
  ReceiverServer unknown("other_server", receipt);
  CreateArgs badArgs(
      testing::withDefaults(kSettings, std::size(kSettings), settingsFor(unknown.url())), nullptr);
  DestinationInstance bad(brobyg_plugin_entry(), badArgs);
  EXPECT_EQ(bad.check().code, BROBYG_FAILED);
  EXPECT_TRUE(server.requests().empty());
  EXPECT_TRUE(unknown.requests().empty());
}

}  // namespace
}  // namespace brobyg::https::test
