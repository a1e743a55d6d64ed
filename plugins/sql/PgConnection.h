// One libpq connection, its statements sent and their results awaited with a deadline, so
// that the caller can send the next statement before it handles the last result (PgDatabase
// fetches batch n + 1 while batch n is mapped). Every failure throws PgFailure
// (DatabaseErrors.h): temporary when the server is gone, busy or timed out.
#pragma once

#include "SqlConfig.h"

#include <libpq-fe.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace brobyg::sql {

struct PgResultFree {
  void operator()(PGresult* result) const { PQclear(result); }
};
using PgResult = std::unique_ptr<PGresult, PgResultFree>;

struct PgConnFinish {
  void operator()(PGconn* conn) const { PQfinish(conn); }
};

class PgConnection {
 public:
  // Connects with PQconnectdbParams (PgParameters.h) and fixes what the server's or the user's
  // defaults would otherwise change in the text of values: DateStyle ISO (yyyy-mm-dd), TimeZone
  // Europe/Copenhagen (a timestamp with time zone gives its Danish day), client_encoding UTF8.
  explicit PgConnection(const SqlConfig& config);

  // Runs `sql` (one or more statements without parameters) to its end.
  void execute(const std::string& sql);
  // Runs one statement with text parameters ($1, $2, ...) to its end.
  void execute(const std::string& sql, const std::vector<std::string>& params);

  // Sends one statement without parameters; its result comes with result().
  void send(const std::string& sql);
  // Waits for the statement sent last and returns its (only) result, read to its end.
  PgResult result();

 private:
  // The next result of the statement in progress (null at its end), waiting at most
  // query_timeout plus a grace for the server's own statement_timeout to answer first.
  PgResult next();
  void waitForInput(std::chrono::steady_clock::time_point deadline);
  [[noreturn]] void failConnection(const std::string& what);
  [[noreturn]] void failResult(const PGresult* result);
  [[noreturn]] void timedOut();

  std::chrono::seconds timeout_;
  // Owned from the start: a failed connection attempt is freed too (the constructor throws).
  std::unique_ptr<PGconn, PgConnFinish> owner_;
  PGconn* conn_ = nullptr;
};

}  // namespace brobyg::sql
