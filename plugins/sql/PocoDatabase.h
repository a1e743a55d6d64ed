// SQLite and ODBC through Poco::Data: one statement, stepped batch_size rows at a time.
#pragma once

#include "Database.h"

#include <Poco/Data/Session.h>

#include <memory>

namespace brobyg::sql {

class PocoDatabase : public Database {
 public:
  // SQLite: the file must exist, opened query-only with a busy timeout; ODBC: the query
  // timeout set on the session.
  explicit PocoDatabase(const SqlConfig& config);

  void query(const SqlCursor& from, const BatchHandler& onBatch) override;

 private:
  const SqlConfig& config_;
  std::unique_ptr<Poco::Data::Session> session_;
};

}  // namespace brobyg::sql
