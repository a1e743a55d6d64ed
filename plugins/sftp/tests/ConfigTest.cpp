// Settings, fingerprints and the error kinds, without a server.
#include "../FileName.h"
#include "../HostKey.h"
#include "../SftpConfig.h"
#include "../SftpErrors.h"
#include "../SftpSettingsTable.h"

#include <testing/PluginHarness.hpp>

#include <gtest/gtest.h>

#include <libssh2.h>
#include <libssh2_sftp.h>

namespace brobyg::sftp {
namespace {

const std::string kPrint = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s";

sdk::Settings settingsWith(const std::string& key, const std::string& value) {
  testing::SettingsMap map{{"host", "sftp.vive.example"},
                           {"user", "brobyg-0101"},
                           {"host_key_sha256", kPrint},
                           {"key_file", "/etc/brobyg/sftp_key"},
                           {"directory", "/upload"}};
  map[key] = value;
  map = testing::withDefaults(kSettings, std::size(kSettings), map);
  std::vector<brobyg_setting> abi;
  for (const auto& [k, v] : map) abi.push_back({k.c_str(), v.c_str()});
  return sdk::Settings(abi.data(), abi.size());
}

std::string errorOf(const std::string& key, const std::string& value) {
  try {
    SftpConfig::fromSettings(settingsWith(key, value));
  } catch (const sdk::Error& e) {
    return e.what();
  }
  return "";
}

TEST(HostKey, TheFingerprintOrTheWholeSshKeygenLineIsAccepted) {
  EXPECT_EQ(pinnedFingerprint(kPrint), kPrint);
  EXPECT_EQ(pinnedFingerprint("256 " + kPrint + " root@sftp (ED25519)\n"), kPrint);
  EXPECT_EQ(pinnedFingerprint(kPrint + "="), kPrint);  // base64 with its padding
}

TEST(HostKey, AnythingElseIsRefusedNamingTheSetting) {
  for (const std::string& bad :
       {std::string("MD5:6a:2f:21:9b:0b:33:1c:8f:14:9c:7e:60:1e:3f:3a:0b"), kPrint.substr(0, 40),
        std::string("SHA256:") + std::string(43, '*'), std::string("sha256:") + kPrint.substr(7),
        std::string("")}) {
    try {
      pinnedFingerprint(bad);
      ADD_FAILURE() << bad;
    } catch (const sdk::Error& e) {
      EXPECT_NE(std::string(e.what()).find("setting host_key_sha256"), std::string::npos);
    }
  }
}

TEST(HostKey, ADigestIsSpelledAsOpenSshSpellsIt) {
  const unsigned char zeros[32] = {};
  EXPECT_EQ(fingerprintOfDigest(zeros), "SHA256:" + std::string(43, 'A'));
  unsigned char ones[32];
  std::fill(std::begin(ones), std::end(ones), 0xff);
  EXPECT_EQ(fingerprintOfDigest(ones), "SHA256:" + std::string(42, '/') + "8");
}

TEST(Config, SettingsAreReadWithTheirDefaults) {
  const SftpConfig config = SftpConfig::fromSettings(settingsWith("directory", "/upload/"));
  EXPECT_EQ(config.port, 22);
  EXPECT_EQ(config.directory, "/upload");
  EXPECT_EQ(config.connectTimeout, std::chrono::seconds(30));
  EXPECT_EQ(config.ioTimeout, std::chrono::seconds(60));
  EXPECT_EQ(config.server(), "brobyg-0101@sftp.vive.example:22");
  EXPECT_EQ(SftpConfig::fromSettings(settingsWith("directory", "/")).directory, "/");
}

TEST(Config, BadValuesNameTheirSetting) {
  EXPECT_NE(errorOf("host", "").find("setting host"), std::string::npos);
  EXPECT_NE(errorOf("io_timeout", "soon").find("setting io_timeout"), std::string::npos);
  EXPECT_NE(errorOf("connect_timeout", "0s").find("setting connect_timeout"), std::string::npos);
  EXPECT_NE(errorOf("port", "70000").find("port"), std::string::npos);
  EXPECT_NE(errorOf("host_key_sha256", "yes").find("setting host_key_sha256"), std::string::npos);
}

TEST(Errors, TheConnectionsFailuresPassTheAdminsDoNot) {
  for (int code :
       {LIBSSH2_ERROR_SOCKET_RECV, LIBSSH2_ERROR_SOCKET_SEND, LIBSSH2_ERROR_SOCKET_DISCONNECT,
        LIBSSH2_ERROR_TIMEOUT, LIBSSH2_ERROR_BANNER_RECV})
    EXPECT_TRUE(transientSessionError(code)) << code;
  for (int code : {LIBSSH2_ERROR_AUTHENTICATION_FAILED, LIBSSH2_ERROR_PUBLICKEY_UNVERIFIED,
                   LIBSSH2_ERROR_KEX_FAILURE, LIBSSH2_ERROR_FILE, LIBSSH2_ERROR_HOSTKEY_SIGN})
    EXPECT_FALSE(transientSessionError(code)) << code;
  for (unsigned long status : {LIBSSH2_FX_CONNECTION_LOST, LIBSSH2_FX_NO_SPACE_ON_FILESYSTEM,
                               LIBSSH2_FX_QUOTA_EXCEEDED, LIBSSH2_FX_FAILURE})
    EXPECT_TRUE(transientSftpStatus(status)) << status;
  for (unsigned long status : {LIBSSH2_FX_NO_SUCH_FILE, LIBSSH2_FX_PERMISSION_DENIED,
                               LIBSSH2_FX_WRITE_PROTECT, LIBSSH2_FX_OP_UNSUPPORTED})
    EXPECT_FALSE(transientSftpStatus(status)) << status;
  EXPECT_THROW(fail(true, "x"), sdk::RetryLater);
  try {
    fail(false, "x");
    ADD_FAILURE();
  } catch (const sdk::RetryLater&) {
    ADD_FAILURE() << "a permanent failure thrown as retry-later";
  } catch (const sdk::Error&) {
  }
}

TEST(FileName, OnlyPlainVisibleNamesPass) {
  EXPECT_TRUE(plainFileName("101-skolefravaer-20261125T142445Z-81340e7c085d2a76.cms"));
  for (const char* bad :
       {"", ".", "..", ".hidden.cms", "../x.cms", "a/b.cms", "a\\b.cms", "line\nbreak.cms"})
    EXPECT_FALSE(plainFileName(bad)) << bad;
}

}  // namespace
}  // namespace brobyg::sftp
