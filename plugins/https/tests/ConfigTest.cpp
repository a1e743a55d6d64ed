// The settings a create() refuses, each naming the setting.
#include "../HttpsConfig.h"
#include "../HttpsSettingsTable.h"

#include <testing/PluginHarness.hpp>

#include <gtest/gtest.h>

namespace brobyg::https {
namespace {

HttpsConfig configWith(const std::string& key, const std::string& value) {
  testing::SettingsMap settings = {{"url", "https://receiver.example:8443/"},
                                   {"ca_file", "/etc/brobyg/receiver-ca.crt"},
                                   {"certificate", "/etc/brobyg/client.crt"},
                                   {"key_file", "/etc/brobyg/client.key"}};
  settings[key] = value;
  std::vector<brobyg_setting> list;
  for (const auto& [k, v] : settings) list.push_back({k.c_str(), v.c_str()});
  return HttpsConfig::fromSettings(sdk::Settings(list.data(), list.size()));
}

std::string refusal(const std::string& key, const std::string& value) {
  try {
    configWith(key, value);
  } catch (const sdk::Error& e) {
    return e.what();
  }
  return "accepted";
}

TEST(HttpsConfig, ReadsTheUrlAndBuildsThePackagePath) {
  HttpsConfig config = configWith("url", "https://receiver.example:8443/vive");
  EXPECT_EQ(config.host, "receiver.example");
  EXPECT_EQ(config.port, 8443);
  EXPECT_EQ(config.url(), "https://receiver.example:8443/vive/");
  EXPECT_EQ(config.packagePath("20261125T142445Z-81340e7c"),
            "/vive/packages/20261125T142445Z-81340e7c");
  EXPECT_EQ(configWith("url", "https://receiver.example").port, 443);
  EXPECT_EQ(config.connectTimeout, std::chrono::seconds(10));
  EXPECT_EQ(config.timeout, std::chrono::seconds(120));
}

TEST(HttpsConfig, RefusesUrlsThatAreNotPlainHttps) {
  EXPECT_EQ(refusal("url", "http://receiver.example/"), "setting url: must start with https://");
  EXPECT_EQ(refusal("url", "https:///path"), "setting url: names no host");
  for (const char* url : {"https://user:secret@receiver.example/", "https://receiver.example/?a=b",
                          "https://receiver.example/#x"}) {
    const std::string why = refusal("url", url);
    EXPECT_EQ(why, "setting url: must not hold a user, a query or a fragment") << url;
    EXPECT_EQ(why.find("secret"), std::string::npos);
  }
  EXPECT_EQ(refusal("url", ""), "setting url: must not be empty");
}

TEST(HttpsConfig, RefusesTimeoutsOutOfBounds) {
  EXPECT_EQ(refusal("timeout", "2h"), "setting timeout: must lie between 1s and 3600s");
  EXPECT_EQ(refusal("connect_timeout", "0s"),
            "setting connect_timeout: must lie between 1s and 300s");
  EXPECT_NE(refusal("timeout", "soon").find("expected a duration"), std::string::npos);
}

TEST(HttpsConfig, RefusesPackageIdsThatAreNotPlainIds) {
  HttpsConfig config = configWith("url", "https://receiver.example/");
  for (const char* id : {"", "..", ".hidden", "a/b", "a?b", "a%2fb", "-x"})
    EXPECT_THROW(config.packagePath(id), sdk::Error) << id;
}

}  // namespace
}  // namespace brobyg::https
