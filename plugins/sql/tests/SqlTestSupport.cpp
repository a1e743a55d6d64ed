#include "SqlTestSupport.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <random>

namespace brobyg::sql::test {

ScratchDir::ScratchDir() {
  std::random_device random;
  path_ = std::filesystem::temp_directory_path() /
          ("brobyg-sql-test-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
  std::filesystem::create_directories(path_);
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string withTable(std::string sql) {
  const std::string table = "events_" + std::to_string(::getpid());
  for (std::size_t at = sql.find("{events}"); at != std::string::npos; at = sql.find("{events}"))
    sql.replace(at, 8, table);
  return sql;
}

namespace {

testing::SettingsMap withTableInQuery(testing::SettingsMap settings) {
  settings["query"] = withTable(settings["query"]);
  return settings;
}

}  // namespace

void sqliteExec(const std::filesystem::path& file, const std::string& script) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.string().c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, withTable(script).c_str(), nullptr, nullptr, &error);
  const std::string message = error != nullptr ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << message;
}

bool underCi() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

std::optional<PgServer> pgServer() {
  auto get = [](const char* name) {
    const char* value = std::getenv(name);
    return std::string(value != nullptr ? value : "");
  };
  PgServer server{get("BROBYG_TEST_PG_HOST"),     get("BROBYG_TEST_PG_PORT"),
                  get("BROBYG_TEST_PG_DB"),       get("BROBYG_TEST_PG_USER"),
                  get("BROBYG_TEST_PG_PASSWORD"), get("BROBYG_TEST_PG_SOCKET_DIR")};
  if (server.host.empty() || server.port.empty() || server.password.empty()) return std::nullopt;
  return server;
}

std::string PgServer::connection() const {
  return "host=" + host + " port=" + port + " dbname=" + db + " user=" + user;
}

void pgExec(const PgServer& server, const std::string& script) {
  PGconn* conn = PQconnectdb((server.connection() + " password=" + server.password).c_str());
  ASSERT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
  PGresult* result = PQexec(conn, withTable(script).c_str());
  const auto status = PQresultStatus(result);
  const std::string message = PQresultErrorMessage(result);
  PQclear(result);
  PQfinish(conn);
  ASSERT_TRUE(status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) << message;
}

testing::SettingsMap caseEventSettings(const std::string& connector,
                                       const std::string& connection) {
  testing::SettingsMap settings{
      {"connector", connector},
      {"connection", connection},
      {"query",
       "SELECT cpr, kommune, art, dato, CAST(changed_at AS TEXT) AS changed_at, id "
       "FROM {events} WHERE changed_at > :watermark OR (changed_at = :watermark AND id > :key) "
       "ORDER BY changed_at, id"},
      {"watermark_column", "changed_at"},
      {"key_column", "id"},
      {"batch_size", "2"},
      {"column.person", "cpr"},
      {"column.municipality", "kommune"},
      {"column.kind", "art"},
      {"column.date", "dato"},
      {"value.kind.Underretning", "notification"},
      {"value.kind.Undersøgelse start", "investigation_start"},
      {"value.kind.Undersøgelse slut", "investigation_end"},
  };
  return testing::withDefaults(kSettings, std::size(kSettings), settings);
}

Source::Source(const testing::SettingsMap& settings)
    : args(withTableInQuery(settings), brobyg::testing::datasets::caseEvent()),
      instance(brobyg_plugin_entry(), args) {}

testing::CallResult pull(const testing::SettingsMap& settings,
                         const std::optional<std::string>& cursor, testing::CapturingSink& sink) {
  Source source(settings);
  EXPECT_TRUE(source.instance.created().ok()) << source.instance.created().error;
  if (!source.instance.created().ok()) return source.instance.created();
  return source.instance.pull(cursor, sink);
}

std::vector<std::string> persons(const testing::CapturingSink& sink) {
  std::vector<std::string> out;
  for (const auto& row : sink.rows()) out.push_back(row.values.at(0));
  return out;
}

}  // namespace brobyg::sql::test
