// One connection to the configured database and the incremental query on it, fetched in
// batches of at most batch_size rows so that memory does not grow with the row count:
// PostgreSQL through a server-side cursor (DECLARE ... FETCH, as libpq would otherwise load
// the whole result), SQLite and ODBC through a statement stepped batch_size rows at a time.
// Every failure becomes sdk::RetryLater (down, locked, timed out) or sdk::Error (a bad
// query, a refused login), naming the setting and never a row value or the password.
#pragma once

#include "SqlConfig.h"
#include "SqlCursor.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>

#include <functional>
#include <memory>

namespace brobyg::sql {

class Database {
 public:
  // Connects (read-only where the connector allows). Throws as described above.
  explicit Database(const SqlConfig& config);

  // Runs the query for the rows after `from` and hands each batch to `onBatch` until the
  // query is exhausted or `onBatch` returns false.
  using BatchHandler = std::function<bool(const Poco::Data::RecordSet&)>;
  void query(const SqlCursor& from, const BatchHandler& onBatch);

 private:
  // `params` are bound by reference: they outlive the statement.
  void queryWithCursor(std::vector<std::string>& params, const BatchHandler& onBatch);
  void queryStepped(std::vector<std::string>& params, const BatchHandler& onBatch);

  const SqlConfig& config_;
  std::unique_ptr<Poco::Data::Session> session_;
};

// Registers Poco::Data's SQLite, PostgreSQL and ODBC connectors once.
void registerConnectors();

}  // namespace brobyg::sql
