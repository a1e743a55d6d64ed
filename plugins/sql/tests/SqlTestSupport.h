// Shared by the sql plugin's tests: SQLite databases made from SQL text, the PostgreSQL test
// server's variables (tests/servers/postgres.sh), and the plugin driven through its C
// descriptor as the host drives it.
#pragma once

#include "SqlSettingsTable.h"

#include <testing/CapturingSink.hpp>
#include <testing/PluginHarness.hpp>
#include <testing/StandardDatasets.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

extern "C" const brobyg_plugin_descriptor* brobyg_plugin_entry(void);

namespace brobyg::sql::test {

// A fresh folder for one test, removed at the end.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// `sql` with "{events}" replaced by this process's own table name (events_<pid>), so that
// test processes running at once (ctest -j) on the one PostgreSQL server do not meet.
std::string withTable(std::string sql);

// Runs `script` (any number of statements) on the SQLite database `file`, creating it.
void sqliteExec(const std::filesystem::path& file, const std::string& script);

// The PostgreSQL test server, or nothing (the caller skips; under CI=true it fails instead).
struct PgServer {
  std::string host, port, db, user, password, socketDir;
  // libpq keywords without the password.
  std::string connection() const;
};
std::optional<PgServer> pgServer();
// GTEST_SKIP()s locally or fails under CI when there is no server; use as
// `auto pg = requirePg(); if (!pg) return;`.
#define SQL_REQUIRE_PG(var)                                                               \
  auto var = ::brobyg::sql::test::pgServer();                                             \
  if (!var) {                                                                             \
    if (::brobyg::sql::test::underCi())                                                   \
      FAIL() << "CI=true but no PostgreSQL test server: tests/servers/postgres.sh start"; \
    GTEST_SKIP() << "no PostgreSQL test server (run: eval \"$(tests/servers/postgres.sh " \
                    "start)\")";                                                          \
  }
bool underCi();
// Runs `script` on the test server as the test user (psql through libpq).
void pgExec(const PgServer& server, const std::string& script);

// Settings for a case_event source over table `events` (person, municipality, kind, date,
// changed_at, id), with the table's defaults filled in.
testing::SettingsMap caseEventSettings(const std::string& connector, const std::string& connection);

// One source instance over case_event, created with `settings` ({events} in the query
// replaced by withTable).
struct Source {
  explicit Source(const testing::SettingsMap& settings);
  testing::CreateArgs args;
  testing::SourceInstance instance;
};

// Pulls once from `cursor`; fails the test unless the pull succeeds.
testing::CallResult pull(const testing::SettingsMap& settings,
                         const std::optional<std::string>& cursor, testing::CapturingSink& sink);

// The `person` values of the delivered rows, in order.
std::vector<std::string> persons(const testing::CapturingSink& sink);

}  // namespace brobyg::sql::test
