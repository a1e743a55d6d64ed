// A database that is down or locked makes the run retry later; a refused login or a missing
// database file is an error to fix. No message quotes the password.
#include "SqlTestSupport.h"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <gtest/gtest.h>

#include <chrono>

namespace brobyg::sql::test {
namespace {

const char* kTable =
    "CREATE TABLE {events} (cpr TEXT, kommune TEXT, art TEXT, dato DATE, changed_at TEXT, "
    "id INTEGER); INSERT INTO {events} VALUES ('0101121234', '0101', 'Underretning', "
    "'2024-03-01', '2024-03-01 10:00:00', 1);";

TEST(Failure, ALockedSqliteDatabaseIsRetriedLater) {
  ScratchDir dir;
  const auto file = dir.path() / "cases.db";
  sqliteExec(file, kTable);
  sqlite3* holder = nullptr;
  ASSERT_EQ(sqlite3_open(file.string().c_str(), &holder), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(holder, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);

  auto settings = caseEventSettings("sqlite", file.string());
  settings["query_timeout"] = "1s";
  testing::CapturingSink sink;
  const auto start = std::chrono::steady_clock::now();
  const auto result = pull(settings, std::nullopt, sink);
  EXPECT_EQ(result.code, BROBYG_RETRY_LATER) << result.error;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_TRUE(sink.rows().empty());

  sqlite3_exec(holder, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_close(holder);
  testing::CapturingSink after;
  EXPECT_TRUE(pull(settings, std::nullopt, after).ok());
  EXPECT_EQ(after.rows().size(), 1u);
}

TEST(Failure, AMissingSqliteFileIsAnErrorAndIsNotCreated) {
  ScratchDir dir;
  const auto file = dir.path() / "typo.db";
  testing::CapturingSink sink;
  const auto result = pull(caseEventSettings("sqlite", file.string()), std::nullopt, sink);
  EXPECT_EQ(result.code, BROBYG_FAILED);
  EXPECT_NE(result.error.find("setting connection"), std::string::npos) << result.error;
  EXPECT_FALSE(std::filesystem::exists(file));
}

TEST(Failure, APostgresServerThatIsDownIsRetriedLater) {
  // Nothing listens on port 1 of the loopback: refused at once.
  auto settings =
      caseEventSettings("postgresql", "host=127.0.0.1 port=1 dbname=x user=brobyg_test");
  settings["password"] = "not-the-real-one-7f3a";
  testing::CapturingSink sink;
  const auto result = pull(settings, std::nullopt, sink);
  EXPECT_EQ(result.code, BROBYG_RETRY_LATER) << result.error;
  EXPECT_NE(result.error.find("setting connection"), std::string::npos) << result.error;
  EXPECT_EQ(result.error.find("not-the-real-one-7f3a"), std::string::npos) << result.error;
}

TEST(Failure, AWrongPostgresPasswordIsAnErrorNotARetryAndIsNotQuoted) {
  SQL_REQUIRE_PG(pg);
  auto settings = caseEventSettings("postgresql", pg->connection());
  settings["password"] = "wrong-" + pg->password;
  testing::CapturingSink sink;
  const auto result = pull(settings, std::nullopt, sink);
  EXPECT_EQ(result.code, BROBYG_FAILED) << result.error;
  EXPECT_EQ(result.error.find(settings["password"]), std::string::npos) << result.error;
}

TEST(Failure, APostgresTableLockedLongerThanTheTimeoutIsRetriedLater) {
  SQL_REQUIRE_PG(pg);
  pgExec(*pg, std::string("DROP TABLE IF EXISTS {events}; ") + kTable);
  PGconn* holder = PQconnectdb((pg->connection() + " password=" + pg->password).c_str());
  ASSERT_EQ(PQstatus(holder), CONNECTION_OK);
  PQclear(PQexec(holder, withTable("BEGIN; LOCK TABLE {events} IN ACCESS EXCLUSIVE MODE").c_str()));

  auto settings = caseEventSettings("postgresql", pg->connection());
  settings["password"] = pg->password;
  settings["query_timeout"] = "1s";
  testing::CapturingSink sink;
  const auto result = pull(settings, std::nullopt, sink);
  EXPECT_EQ(result.code, BROBYG_RETRY_LATER) << result.error;
  EXPECT_EQ(result.error.find(pg->password), std::string::npos);

  PQclear(PQexec(holder, "COMMIT"));
  PQfinish(holder);
  testing::CapturingSink after;
  EXPECT_TRUE(pull(settings, std::nullopt, after).ok());
  EXPECT_EQ(after.rows().size(), 1u);
}

TEST(Failure, TheStoredCursorMustBeOneThePluginWrote) {
  ScratchDir dir;
  const auto file = dir.path() / "cases.db";
  sqliteExec(file, kTable);
  testing::CapturingSink sink;
  const auto result =
      pull(caseEventSettings("sqlite", file.string()), std::string("processed files"), sink);
  EXPECT_EQ(result.code, BROBYG_FAILED);
  EXPECT_NE(result.error.find("cursor"), std::string::npos) << result.error;
}

}  // namespace
}  // namespace brobyg::sql::test
