// PostgreSQL read through libpq: what the server's or the connection's own settings would
// change in the values' text is fixed by the plugin, and a connection dropped between two
// FETCHes is retried later without a row lost or read twice.
#include "SqlCursor.h"
#include "SqlTestSupport.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <functional>

namespace brobyg::sql::test {
namespace {

const char* kTable =
    "DROP TABLE IF EXISTS {events}; CREATE TABLE {events} (cpr text, kommune text, art text, "
    "dato date, changed_at timestamp, id integer);";

std::string insert(int id, const std::string& changedAt) {
  return "INSERT INTO {events} VALUES ('0" + std::to_string(id % 10) + "01121234', '0101', " +
         "'Underretning', '2024-03-0" + std::to_string(id % 9 + 1) + "', '" + changedAt + "', " +
         std::to_string(id) + ");";
}

testing::SettingsMap pgSettings(const PgServer& pg, const std::string& extra = "") {
  auto settings = caseEventSettings("postgresql", pg.connection() + extra);
  settings["password"] = pg.password;
  return settings;
}

// The server's DateStyle and TimeZone as a municipality's server might have them: a German
// date order and another time zone, here through the connection's own options.
TEST(Postgres, DatesAndTimestampsComeInIsoFormWhateverTheServersDateStyle) {
  SQL_REQUIRE_PG(pg);
  pgExec(*pg, std::string(kTable) + insert(1, "2024-03-01 23:30:00.5"));
  auto settings =
      pgSettings(*pg, " options='-c DateStyle=German,DMY -c TimeZone=America/New_York'");
  testing::CapturingSink sink;
  auto result = pull(settings, std::nullopt, sink);
  ASSERT_TRUE(result.ok()) << result.error;
  ASSERT_EQ(sink.rows().size(), 1u) << sink.rejectsText();
  EXPECT_EQ(sink.rows()[0].values.at(3), "2024-03-02") << "the DATE column, yyyy-mm-dd";
  EXPECT_EQ(SqlCursor::parse(*sink.lastCursor())->watermark, "2024-03-01 23:30:00.5")
      << "CAST(timestamp AS TEXT) in ISO form, so that the next run compares the same value";

  // A timestamp with time zone mapped to a date field: the Danish day (23:30 UTC is 00:30 in
  // Copenhagen), not New York's.
  settings["query"] =
      "SELECT cpr, kommune, art, changed_at AT TIME ZONE 'UTC' AS seen, "
      "CAST(changed_at AS TEXT) AS changed_at, id FROM {events} WHERE changed_at > :watermark "
      "OR (changed_at = :watermark AND id > :key) ORDER BY changed_at, id";
  settings["column.date"] = "seen";
  testing::CapturingSink zoned;
  result = pull(settings, std::nullopt, zoned);
  ASSERT_TRUE(result.ok()) << result.error;
  ASSERT_EQ(zoned.rows().size(), 1u) << zoned.rejectsText();
  EXPECT_EQ(zoned.rows()[0].values.at(3), "2024-03-02");
}

// A sink that keeps what a CapturingSink keeps and calls `afterCursor` after each cursor.
struct HookedSink {
  testing::CapturingSink captured;
  std::function<void()> afterCursor;
  brobyg_row_sink abi{
      sizeof(brobyg_row_sink), this,
      [](void* ctx, const brobyg_str* values, size_t count, const char* origin) {
        const auto* inner = static_cast<HookedSink*>(ctx)->captured.abi();
        return inner->row(inner->ctx, values, count, origin);
      },
      [](void* ctx, const char* origin, const char* reason, const char* raw, size_t size) {
        const auto* inner = static_cast<HookedSink*>(ctx)->captured.abi();
        inner->reject(inner->ctx, origin, reason, raw, size);
      },
      [](void* ctx, const char* cursor, size_t size) {
        auto* self = static_cast<HookedSink*>(ctx);
        self->captured.abi()->cursor(self->captured.abi()->ctx, cursor, size);
        if (self->afterCursor) self->afterCursor();
      }};
};

// Pulls through the plugin's C descriptor with `sink`; the code and the error message.
std::pair<int, std::string> pullHooked(const testing::SettingsMap& settings, HookedSink& sink) {
  Source source(settings);
  const brobyg_plugin_descriptor* plugin = brobyg_plugin_entry();
  std::vector<char> buffer(1024, '\0');
  brobyg_error error{buffer.data(), buffer.size()};
  void* instance = nullptr;
  if (plugin->create(source.args.abi(), &instance, &error) != BROBYG_OK)
    return {BROBYG_FAILED, buffer.data()};
  const int rc = plugin->pull(instance, nullptr, 0, &sink.abi, &error);
  plugin->destroy(instance);
  return {rc, buffer.data()};
}

TEST(Postgres, AConnectionDroppedBetweenFetchesIsRetriedLaterAndNothingIsReadTwice) {
  SQL_REQUIRE_PG(pg);
  std::string rows = kTable;
  for (int id = 1; id <= 12; ++id)
    rows += insert(id, "2024-03-01 10:00:0" + std::to_string(id / 5));
  pgExec(*pg, rows);
  const std::string name = "brobyg_drop_" + std::to_string(::getpid());
  auto settings = pgSettings(*pg, " application_name=" + name);
  HookedSink sink;
  bool dropped = false;
  sink.afterCursor = [&] {
    if (dropped) return;
    dropped = true;
    // Waits (up to 5 s) until the server process is gone.
    pgExec(*pg,
           "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE "
           "application_name = '" +
               name + "'");
  };
  const auto [code, error] = pullHooked(settings, sink);
  EXPECT_EQ(code, BROBYG_RETRY_LATER) << error;
  EXPECT_NE(error.find("setting query"), std::string::npos) << error;
  EXPECT_EQ(error.find(pg->password), std::string::npos);
  const auto& first = sink.captured;
  ASSERT_FALSE(first.cursors().empty());
  // Every row delivered is covered by a cursor: the failure came between batches.
  EXPECT_EQ(first.rows().size(), 2 * first.cursors().size());
  EXPECT_LT(first.rows().size(), 12u);

  testing::CapturingSink next;
  const auto result = pull(settings, first.lastCursor(), next);
  ASSERT_TRUE(result.ok()) << result.error;
  std::vector<std::string> all = persons(first);
  for (const std::string& person : persons(next)) all.push_back(person);
  std::vector<std::string> expected;
  for (int id = 1; id <= 12; ++id) expected.push_back("0" + std::to_string(id % 10) + "01121234");
  EXPECT_EQ(all, expected);
}

}  // namespace
}  // namespace brobyg::sql::test
