// Incremental reading against real databases: SQLite, PostgreSQL (tests/servers/postgres.sh),
// and PostgreSQL through ODBC (psqlODBC, registered in a private odbcinst.ini; the SQLite ODBC
// driver is refused, see SqlConfigTest). Rows inserted after a run, including rows with the same
// timestamp as the watermark, come with the next run, and none twice.
#include "OdbcDrivers.h"
#include "SqlCursor.h"
#include "SqlTestSupport.h"

#include <gtest/gtest.h>

#include <functional>
#include <optional>

namespace brobyg::sql::test {
namespace {

// Timestamps with microseconds: a watermark that lost them would read rows twice.
const char* kTable =
    "CREATE TABLE {events} (cpr TEXT, kommune TEXT, art TEXT, dato DATE, "
    "changed_at TIMESTAMP, id INTEGER);";

std::string insert(const std::string& cpr, const std::string& changedAt, int id,
                   const std::string& kind = "Underretning") {
  return "INSERT INTO {events} VALUES ('" + cpr + "', '0101', '" + kind + "', '2024-03-0" +
         std::to_string(id % 9 + 1) + "', '" + changedAt + "', " + std::to_string(id) + ");";
}

class Incremental : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  ScratchDir dir_;
  std::optional<testing::SettingsMap> settings_;
  std::function<void(const std::string&)> exec_;
};

std::optional<testing::SettingsMap> sqliteDirect(const ScratchDir& dir,
                                                 std::function<void(const std::string&)>& exec) {
  const auto file = dir.path() / "cases.db";
  exec = [file](const std::string& sql) { sqliteExec(file, sql); };
  exec(kTable);
  return caseEventSettings("sqlite", file.string());
}

void resetPgTable(const PgServer& pg) {
  pgExec(pg, std::string("DROP TABLE IF EXISTS {events}; ") + kTable);
}

std::optional<testing::SettingsMap> postgres(std::function<void(const std::string&)>& exec) {
  auto pg = pgServer();
  if (!pg) return std::nullopt;
  exec = [pg = *pg](const std::string& sql) { pgExec(pg, sql); };
  resetPgTable(*pg);
  auto settings = caseEventSettings("postgresql", pg->connection());
  settings["password"] = pg->password;
  return settings;
}

std::optional<testing::SettingsMap> postgresOdbc(std::function<void(const std::string&)>& exec) {
  auto pg = pgServer();
  auto settings = postgres(exec);
  if (!settings) return std::nullopt;
  (*settings)["connector"] = "odbc";
  (*settings)["connection"] = "DRIVER={" + std::string(kPostgresOdbcDriver) +
                              "};SERVER=" + pg->host + ";PORT=" + pg->port + ";DATABASE=" + pg->db +
                              ";UID=" + pg->user;
  return settings;
}

void Incremental::SetUp() {
  const std::string backend = GetParam();
  const bool needsPg = backend.rfind("postgresql", 0) == 0;
  if (needsPg && !pgServer()) {
    if (underCi()) FAIL() << "CI=true but no PostgreSQL test server: tests/servers/postgres.sh";
    GTEST_SKIP() << "no PostgreSQL test server (run: eval \"$(tests/servers/postgres.sh start)\")";
  }
  if (backend == "sqlite") settings_ = sqliteDirect(dir_, exec_);
  if (backend == "postgresql") settings_ = postgres(exec_);
  if (backend == "postgresql_odbc") settings_ = postgresOdbc(exec_);
  ASSERT_TRUE(settings_.has_value());
}

TEST_P(Incremental, RowsAfterTheWatermarkComeOnceIncludingTiesOnTheTimestamp) {
  exec_(insert("0101121234", "2024-03-01 10:00:00.250001", 1) +
        insert("0202121234", "2024-03-01 10:00:00.250001", 2) +
        insert("0303121234", "2024-03-02 08:00:00", 3) +
        insert("0404121234", "2024-03-02 08:00:00", 4) +
        insert("0505121234", "2024-03-02 08:00:00", 5));
  testing::CapturingSink first;
  auto result = pull(*settings_, std::nullopt, first);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(persons(first), (std::vector<std::string>{"0101121234", "0202121234", "0303121234",
                                                      "0404121234", "0505121234"}));
  EXPECT_EQ(first.cursors().size(), 3u) << "batch_size 2: one cursor per batch";
  ASSERT_TRUE(first.lastCursor().has_value());
  EXPECT_EQ(SqlCursor::parse(*first.lastCursor())->key, "5");
  EXPECT_EQ(first.rows()[0].values,
            (std::vector<std::string>{"0101121234", "0101", "notification", "2024-03-02"}));

  // A row with the watermark's own timestamp and a higher key, and one after it.
  exec_(insert("0606121234", "2024-03-02 08:00:00", 6) +
        insert("0707121234", "2024-03-03 09:30:00", 7));
  testing::CapturingSink second;
  result = pull(*settings_, first.lastCursor(), second);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(persons(second), (std::vector<std::string>{"0606121234", "0707121234"}));

  testing::CapturingSink third;
  result = pull(*settings_, second.lastCursor(), third);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_TRUE(third.rows().empty());
  EXPECT_TRUE(third.cursors().empty()) << "nothing read, nothing to move";
}

// Kill between pull and staging: the host keeps the old cursor, so the next run reads the
// same rows again and delivers each once.
TEST_P(Incremental, ACursorNotStoredMeansTheSameRowsAgain) {
  exec_(insert("0101121234", "2024-03-01 10:00:00", 1) +
        insert("0202121234", "2024-03-01 10:00:00", 2) +
        insert("0303121234", "2024-03-01 10:00:01", 3));
  testing::CapturingSink lost;
  ASSERT_TRUE(pull(*settings_, std::nullopt, lost).ok());
  testing::CapturingSink again;
  ASSERT_TRUE(pull(*settings_, std::nullopt, again).ok());
  EXPECT_EQ(persons(again), persons(lost));
  // A cursor stored after the first batch: the rest, once.
  testing::CapturingSink rest;
  ASSERT_TRUE(pull(*settings_, lost.cursors().front(), rest).ok());
  EXPECT_EQ(persons(rest), (std::vector<std::string>{"0303121234"}));
}

// A batch boundary inside a run of equal watermarks, and the host asking to stop in the next
// batch (PostgreSQL has the following FETCH in flight then): the cursor of the last whole batch
// reads the rest of the run once, and a later row of the same timestamp comes next time.
TEST_P(Incremental, ABatchBoundaryInsideEqualWatermarksLosesAndRepeatsNothing) {
  std::string rows;
  for (int id = 1; id <= 7; ++id)
    rows += insert("0" + std::to_string(id) + "01121234", "2024-03-05 12:00:00", id);
  exec_(rows);
  auto settings = *settings_;
  settings["batch_size"] = "3";
  testing::CapturingSink stopped;
  stopped.stopAfter(4);
  pull(settings, std::nullopt, stopped);
  EXPECT_EQ(stopped.rows().size(), 4u);
  ASSERT_EQ(stopped.cursors().size(), 1u) << "only the first whole batch moves the cursor";
  EXPECT_EQ(SqlCursor::parse(stopped.cursors()[0])->key, "3");

  testing::CapturingSink rest;
  ASSERT_TRUE(pull(settings, stopped.lastCursor(), rest).ok());
  EXPECT_EQ(persons(rest),
            (std::vector<std::string>{"0401121234", "0501121234", "0601121234", "0701121234"}));
  EXPECT_EQ(rest.cursors().size(), 2u);

  exec_(insert("0801121234", "2024-03-05 12:00:00", 8) +
        insert("0901121234", "2024-03-05 11:59:59", 9));
  testing::CapturingSink later;
  ASSERT_TRUE(pull(settings, rest.lastCursor(), later).ok());
  EXPECT_EQ(persons(later), (std::vector<std::string>{"0801121234"}))
      << "a row with an earlier timestamp was changed without moving it forward: not read";
}

TEST_P(Incremental, ABadRowIsQuarantinedNamingTheColumnAndTheGoodRowsGoOn) {
  exec_(insert("0101121234", "2024-03-01 10:00:00", 1) +
        insert("0202121234", "2024-03-01 10:00:00", 2, "Hemmelig sagstype") +
        insert("0303121234", "2024-03-01 10:00:01", 3));
  testing::CapturingSink sink;
  ASSERT_TRUE(pull(*settings_, std::nullopt, sink).ok());
  EXPECT_EQ(persons(sink), (std::vector<std::string>{"0101121234", "0303121234"}));
  ASSERT_EQ(sink.rejects().size(), 1u);
  EXPECT_EQ(sink.rejects()[0].origin, "query row 2");
  EXPECT_NE(sink.rejects()[0].reason.find("column 'art'"), std::string::npos)
      << sink.rejects()[0].reason;
  EXPECT_EQ(sink.rejects()[0].reason.find("Hemmelig"), std::string::npos);
  EXPECT_EQ(sink.rejects()[0].reason.find("0202121234"), std::string::npos);
  EXPECT_EQ(SqlCursor::parse(*sink.lastCursor())->key, "3") << "the rejected row is passed";
}

TEST_P(Incremental, ABadQueryOrAMissingColumnIsAClearErrorNamingTheSetting) {
  auto bad = *settings_;
  bad["query"] = "SELEC cpr FROM {events} WHERE id > :key AND changed_at > :watermark ORDER BY id";
  testing::CapturingSink sink;
  auto result = pull(bad, std::nullopt, sink);
  EXPECT_EQ(result.code, BROBYG_FAILED) << result.error;
  EXPECT_NE(result.error.find("(setting query)"), std::string::npos) << result.error;

  exec_(insert("0101121234", "2024-03-01 10:00:00", 1));
  auto missing = *settings_;
  missing["column.person"] = "personnummer";
  result = pull(missing, std::nullopt, sink);
  EXPECT_EQ(result.code, BROBYG_FAILED);
  EXPECT_NE(result.error.find("setting column.person: the query returns no column 'personnummer'"),
            std::string::npos)
      << result.error;
}

TEST_P(Incremental, AWatermarkSelectedAsATimestampIsRefused) {
  exec_(insert("0101121234", "2024-03-01 10:00:00", 1));
  auto raw = *settings_;
  raw["query"] =
      "SELECT cpr, kommune, art, dato, changed_at, id FROM {events} WHERE changed_at > :watermark "
      "OR (changed_at = :watermark AND id > :key) ORDER BY changed_at, id";
  testing::CapturingSink sink;
  auto result = pull(raw, std::nullopt, sink);
  EXPECT_EQ(result.code, BROBYG_FAILED);
  EXPECT_NE(result.error.find("setting watermark_column: column 'changed_at' is a timestamp"),
            std::string::npos)
      << result.error;
  EXPECT_TRUE(sink.rows().empty());
}

TEST_P(Incremental, TheCursorIsNeverThePersonColumn) {
  exec_(insert("0101121234", "2024-03-01 10:00:00", 1));
  auto cprKey = *settings_;
  cprKey["key_column"] = "CPR";
  testing::CapturingSink sink;
  const auto result = pull(cprKey, std::nullopt, sink);
  EXPECT_EQ(result.code, BROBYG_FAILED);
  EXPECT_NE(result.error.find("setting key_column: must not be the person column"),
            std::string::npos)
      << result.error;
  EXPECT_TRUE(sink.rows().empty());
  EXPECT_TRUE(sink.cursors().empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, Incremental,
                         ::testing::Values("sqlite", "postgresql", "postgresql_odbc"),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace brobyg::sql::test
