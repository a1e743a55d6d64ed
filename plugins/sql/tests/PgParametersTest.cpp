// libpq's connection parameters: the password as a parameter of its own (never inside a
// string), the configured keywords as libpq parses them, a timeout unless one is set.
#include "PgParameters.h"
#include "SqlConfig.h"
#include "SqlTestSupport.h"

#include <gtest/gtest.h>

namespace brobyg::sql {
namespace {

SqlConfig pgConfig(const std::string& connection, const std::string& password) {
  auto map = test::caseEventSettings("postgresql", connection);
  map["password"] = password;
  map["query_timeout"] = "45s";
  std::vector<brobyg_setting> abi;
  for (const auto& [key, value] : map) abi.push_back({key.c_str(), value.c_str()});
  return SqlConfig::fromSettings(sdk::Settings(abi.data(), abi.size()));
}

std::string valueOf(const PgParameters& parameters, const std::string& keyword) {
  for (std::size_t i = 0; i < parameters.keywords.size(); ++i)
    if (parameters.keywords[i] == keyword) return parameters.values[i];
  return "(none)";
}

TEST(PgParameters, ThePasswordIsAParameterOfItsOwnAndTheKeywordsAsLibpqReadsThem) {
  const SqlConfig config =
      pgConfig("host=db port=5432 dbname='sag er' user=brobyg sslmode=verify-full", "pa'ss\\w rd");
  const PgParameters parameters = PgParameters::of(config);
  EXPECT_EQ(valueOf(parameters, "password"), "pa'ss\\w rd") << "as it is: nothing to escape";
  EXPECT_EQ(valueOf(parameters, "dbname"), "sag er");
  EXPECT_EQ(valueOf(parameters, "sslmode"), "verify-full");
  EXPECT_EQ(valueOf(parameters, "connect_timeout"), "45");
  EXPECT_EQ(valueOf(parameters, "fallback_application_name"), "brobyg");
  ASSERT_EQ(parameters.keywordArray().size(), parameters.keywords.size() + 1);
  EXPECT_EQ(parameters.keywordArray().back(), nullptr);
  EXPECT_EQ(parameters.valueArray().back(), nullptr);
}

TEST(PgParameters, AConfiguredConnectTimeoutIsKeptAndNoPasswordMeansNone) {
  const PgParameters parameters = PgParameters::of(pgConfig("host=db connect_timeout=3", ""));
  EXPECT_EQ(valueOf(parameters, "connect_timeout"), "3");
  EXPECT_EQ(valueOf(parameters, "password"), "(none)") << "libpq's own (.pgpass) then";
}

TEST(PgParameters, AConnectionLibpqCannotParseIsAnErrorNamingTheSetting) {
  try {
    PgParameters::of(pgConfig("host=db nonsense_keyword=1", "hunter2-secret"));
    FAIL() << "accepted";
  } catch (const sdk::Error& e) {
    EXPECT_NE(std::string(e.what()).find("setting connection"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find("hunter2-secret"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace brobyg::sql
