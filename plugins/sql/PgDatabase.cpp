#include "PgDatabase.h"

#include "DatabaseErrors.h"
#include "PgBatch.h"

namespace brobyg::sql {
namespace {

constexpr const char* kCursorName = "brobyg_rows";

}  // namespace

PgDatabase::PgDatabase(const SqlConfig& config) : config_(config) {
  connection_ =
      guarded(config_, Stage::Connect, [&] { return std::make_unique<PgConnection>(config_); });
}

void PgDatabase::query(const SqlCursor& from, const BatchHandler& onBatch) {
  guarded(config_, Stage::Query, [&] { declareCursor(from); });
  fetchAll(onBatch);
}

void PgDatabase::declareCursor(const SqlCursor& from) {
  // Statement and lock waits end at query_timeout: a locked table is retried later.
  const std::string timeout = std::to_string(config_.queryTimeout.count() * 1000);
  connection_->execute("BEGIN READ ONLY; SET LOCAL statement_timeout = " + timeout +
                       "; SET LOCAL lock_timeout = " + timeout);
  connection_->execute(
      "DECLARE " + std::string(kCursorName) + " NO SCROLL CURSOR FOR " + config_.query.text,
      queryParameters(config_, from));
}

void PgDatabase::fetchAll(const BatchHandler& onBatch) {
  const std::string fetch =
      "FETCH FORWARD " + std::to_string(config_.batchSize) + " FROM " + kCursorName;
  PgConnection& connection = *connection_;
  guarded(config_, Stage::Query, [&] { connection.send(fetch); });
  bool inFlight = true;
  PgResult current;
  for (;;) {
    // The batch before is freed only once this one is read, so its memory lies below this one
    // on the heap and takes the batch after; freed first, it would be given back to the system
    // (trimmed) and faulted in again for every batch.
    current = guarded(config_, Stage::Query, [&] { return connection.result(); });
    inFlight = false;
    const PgBatch batch(current.get());
    // A full batch may have more behind it: ask for it before handling this one.
    const bool more = batch.rowCount() == config_.batchSize;
    if (more) {
      guarded(config_, Stage::Query, [&] { connection.send(fetch); });
      inFlight = true;
    }
    if (batch.rowCount() == 0 || !onBatch(batch) || !more) break;
  }
  guarded(config_, Stage::Query, [&] {
    if (inFlight) connection.result();  // the batch asked for but not wanted
    connection.execute("COMMIT");
  });
}

}  // namespace brobyg::sql
