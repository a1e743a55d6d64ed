#include "SqlConfig.h"
#include "SqlTestSupport.h"

#include <gtest/gtest.h>

namespace brobyg::sql {
namespace {

sdk::Settings settingsOf(const testing::SettingsMap& map) {
  static std::vector<brobyg_setting> abi;
  abi.clear();
  for (const auto& [key, value] : map) abi.push_back({key.c_str(), value.c_str()});
  return sdk::Settings(abi.data(), abi.size());
}

std::string errorOf(const testing::SettingsMap& map) {
  try {
    SqlConfig::fromSettings(settingsOf(map));
  } catch (const sdk::Error& e) {
    return e.what();
  }
  return "";
}

testing::SettingsMap pg() {
  auto settings = test::caseEventSettings("postgresql", "host=db port=5432 dbname=sag user=brobyg");
  settings["password"] = "pa'ss\\w}rd";
  return settings;
}

TEST(SqlConfig, ThePasswordGoesIntoTheOdbcConnectionStringInItsSyntax) {
  const SqlConfig postgres = SqlConfig::fromSettings(settingsOf(pg()));
  EXPECT_EQ(postgres.connection, "host=db port=5432 dbname=sag user=brobyg");
  EXPECT_EQ(postgres.connectionWithPassword().find("pa'ss"), std::string::npos)
      << "PostgreSQL takes the password as a parameter of its own (PgParametersTest)";
  auto odbc = pg();
  odbc["connector"] = "odbc";
  odbc["connection"] = "DRIVER={PostgreSQL Unicode};SERVER=db;UID=brobyg";
  EXPECT_EQ(SqlConfig::fromSettings(settingsOf(odbc)).connectionWithPassword(),
            "DRIVER={PostgreSQL Unicode};SERVER=db;UID=brobyg;PWD={pa'ss\\w}}rd};");
}

TEST(SqlConfig, AConnectionStringHoldingAPasswordIsRefusedWithoutQuotingIt) {
  for (const auto& [connector, connection] : std::vector<std::pair<std::string, std::string>>{
           {"postgresql", "host=db password=hunter2 user=x"},
           {"postgresql", "host=db PASSWORD = hunter2"},
           {"postgresql", "postgresql://x:hunter2@db/sag"},
           {"odbc", "DSN=sag;UID=x;PWD=hunter2"},
           {"odbc", "DSN=sag;Password=hunter2"}}) {
    auto settings = pg();
    settings["connector"] = connector;
    settings["connection"] = connection;
    const std::string error = errorOf(settings);
    EXPECT_NE(error.find("setting connection: holds a password"), std::string::npos) << error;
    EXPECT_EQ(error.find("hunter2"), std::string::npos) << error;
  }
  auto innocent = pg();
  innocent["connection"] = "host=db user=passwordless";
  EXPECT_EQ(errorOf(innocent), "");
}

TEST(SqlConfig, ScrubReplacesThePasswordInDriverMessages) {
  const SqlConfig config = SqlConfig::fromSettings(settingsOf(pg()));
  EXPECT_EQ(config.scrub("bad: pa'ss\\w}rd and pa'ss\\w}rd"), "bad: (secret) and (secret)");
}

TEST(SqlConfig, QueriesThatWouldLoseOrRepeatRowsAreRefused) {
  auto noKey = pg();
  noKey["query"] = "SELECT * FROM events WHERE changed_at > :watermark ORDER BY changed_at";
  EXPECT_NE(errorOf(noKey).find("setting query: must use the parameter :key"), std::string::npos);
  auto noOrder = pg();
  noOrder["query"] = "SELECT * FROM events WHERE (changed_at, id) > (:watermark, :key)";
  EXPECT_NE(errorOf(noOrder).find("setting query: needs ORDER BY"), std::string::npos);
  auto same = pg();
  same["key_column"] = "CHANGED_AT";
  EXPECT_NE(errorOf(same).find("must name two columns"), std::string::npos);
}

// libsqliteodbc 0.9998's SQLNativeSql writes before its buffer when Poco's ODBC client
// reports a failed statement (valgrind: invalid write; brobyg crashed in ~StatementImpl).
TEST(SqlConfig, TheSqliteOdbcDriverIsRefusedForConnectorSqlite) {
  auto odbc = test::caseEventSettings("odbc", "DRIVER={SQLite3};Database=/var/lib/cases.db");
  EXPECT_NE(errorOf(odbc).find("setting connection: the SQLite ODBC driver"), std::string::npos);
  odbc["connection"] = "Driver=SQLite3 ODBC Driver;Database=/var/lib/cases.db";
  EXPECT_NE(errorOf(odbc).find("connector sqlite"), std::string::npos);
  odbc["connection"] = "DRIVER={PostgreSQL Unicode};SERVER=db;DATABASE=sqlite_export";
  EXPECT_EQ(errorOf(odbc), "");
}

TEST(SqlConfig, SqliteTakesAnAbsoluteFileAndNoPassword) {
  auto relative = test::caseEventSettings("sqlite", "cases.db");
  EXPECT_NE(errorOf(relative).find("absolute path"), std::string::npos);
  auto withPassword = test::caseEventSettings("sqlite", "/var/lib/cases.db");
  withPassword["password"] = "x";
  EXPECT_NE(errorOf(withPassword).find("setting password: an SQLite database has no password"),
            std::string::npos);
}

}  // namespace
}  // namespace brobyg::sql

namespace brobyg::sql {
namespace {

TEST(SqlConfig, QueryTimeoutIsAPositiveDurationNamedWhenWrong) {
  auto settings = pg();
  settings["query_timeout"] = "2m";
  EXPECT_EQ(SqlConfig::fromSettings(settingsOf(settings)).queryTimeout, std::chrono::minutes(2));
  for (const char* bad : {"0s", "5x", "10", "-1m", ""}) {
    settings["query_timeout"] = bad;
    EXPECT_NE(errorOf(settings).find("setting query_timeout"), std::string::npos) << bad;
  }
}

}  // namespace
}  // namespace brobyg::sql
