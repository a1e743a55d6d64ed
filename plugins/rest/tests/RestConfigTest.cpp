#include "RestConfig.h"

#include <gtest/gtest.h>

#include <map>

namespace brobyg::rest {
namespace {

std::string errorOf(std::map<std::string, std::string> values) {
  values.emplace("ca_file", "/etc/brobyg/ca.pem");
  values.emplace("url", "https://sager.example/api");
  std::vector<brobyg_setting> list;
  for (const auto& [key, value] : values) list.push_back({key.c_str(), value.c_str()});
  try {
    RestConfig::fromSettings(sdk::Settings(list.data(), list.size()));
  } catch (const sdk::Error& e) {
    return e.what();
  }
  return "";
}

TEST(RestConfigTest, AValidConfigurationHasNoError) {
  EXPECT_EQ(errorOf({}), "");
  EXPECT_EQ(errorOf({{"paging", "next_link"}, {"next_path", "links.next"}}), "");
  EXPECT_EQ(errorOf({{"since_param", "since"}, {"cursor_field", "u"}, {"tie_breaker", "id"}}), "");
}

TEST(RestConfigTest, OnlyHttpsAndNeverTheValueInTheError) {
  const std::string error = errorOf({{"url", "http://sager.example/api?key=s3cr3t"}});
  EXPECT_EQ(error, "setting url: must be an https:// URL");
  EXPECT_EQ(errorOf({{"url", "https://user:pw@sager.example/"}}).find("pw"), std::string::npos);
  EXPECT_NE(errorOf({{"url", "/nonexistent/brobyg-conformance"}}), "");
}

TEST(RestConfigTest, AuthenticationIsATokenOrOAuth2) {
  EXPECT_NE(errorOf({{"token", "t"},
                     {"token_url", "https://a/t"},
                     {"client_id", "c"},
                     {"client_secret", "s"}})
                .find("give one of them"),
            std::string::npos);
  EXPECT_EQ(errorOf({{"token_url", "https://a/t"}, {"client_id", "c"}}),
            "setting client_secret: required with token_url");
  EXPECT_EQ(errorOf({{"client_id", "c"}}), "setting client_id: only used with token_url");
}

TEST(RestConfigTest, PagingAndIncrementalNeedTheirSettings) {
  EXPECT_EQ(errorOf({{"paging", "next_link"}}),
            "setting next_path: required with paging next_link");
  EXPECT_EQ(errorOf({{"since_param", "since"}, {"cursor_field", "u"}}),
            "setting tie_breaker: required with since_param");
  EXPECT_EQ(errorOf({{"cursor_field", "u"}}), "setting cursor_field: only used with since_param");
  EXPECT_NE(errorOf({{"paging", "offset"}, {"offset_param", "n"}, {"limit_param", "n"}}), "");
  EXPECT_EQ(errorOf({{"page_size", "0"}}), "setting page_size: must be from 1 to 10000");
}

}  // namespace
}  // namespace brobyg::rest
