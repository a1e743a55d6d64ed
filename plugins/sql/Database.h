// One connection to the configured database and the incremental query on it, fetched in
// batches of at most batch_size rows so that memory does not grow with the row count. The
// connector choice is this one seam: PostgreSQL through libpq directly (PgDatabase.h: a
// server-side cursor, the next batch fetched while this one is mapped), SQLite and ODBC
// through Poco::Data (PocoDatabase.h). Every failure becomes sdk::RetryLater (down, locked,
// timed out) or sdk::Error (a bad query, a refused login), naming the setting and never a row
// value or the password.
#pragma once

#include "ResultBatch.h"
#include "SqlConfig.h"
#include "SqlCursor.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace brobyg::sql {

class Database {
 public:
  virtual ~Database() = default;

  // Runs the query for the rows after `from` and hands each batch to `onBatch` until the
  // query is exhausted or `onBatch` returns false.
  using BatchHandler = std::function<bool(const ResultBatch&)>;
  virtual void query(const SqlCursor& from, const BatchHandler& onBatch) = 0;
};

// Connects to the configured database (read-only where the connector allows). Throws as
// described above.
std::unique_ptr<Database> openDatabase(const SqlConfig& config);

// The query's parameters in placeholder order: the cursor's watermark or key for each.
std::vector<std::string> queryParameters(const SqlConfig& config, const SqlCursor& from);

}  // namespace brobyg::sql
