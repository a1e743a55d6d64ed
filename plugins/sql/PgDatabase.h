// PostgreSQL through libpq: a read-only transaction with a server-side cursor (libpq would
// otherwise load the whole result), FETCH batch_size rows at a time. The next FETCH is sent
// before the current batch goes to the handler, so that the server produces batch n + 1 on
// another core while brobyg maps batch n; at most two batches are held.
#pragma once

#include "Database.h"
#include "PgConnection.h"

#include <memory>

namespace brobyg::sql {

class PgDatabase : public Database {
 public:
  explicit PgDatabase(const SqlConfig& config);

  void query(const SqlCursor& from, const BatchHandler& onBatch) override;

 private:
  void declareCursor(const SqlCursor& from);
  // Hands the cursor's batches to `onBatch`, each fetched while the one before is handled.
  void fetchAll(const BatchHandler& onBatch);

  const SqlConfig& config_;
  std::unique_ptr<PgConnection> connection_;
};

}  // namespace brobyg::sql
