// Sorting database failures into "try again later" (the database is down, locked, busy or
// slow) and "fix the configuration" (a bad query, a refused login), for every connector.
#pragma once

#include "SqlConfig.h"

#include <chrono>
#include <exception>
#include <stdexcept>
#include <string>

namespace brobyg::sql {

enum class Stage { Connect, Query };

// A failure libpq reported (PgConnection.h): its message, and whether trying again later can
// help (the server is down, busy, shutting down, or a statement or lock wait timed out).
class PgFailure : public std::runtime_error {
 public:
  PgFailure(const std::string& message, bool temporary)
      : std::runtime_error(message), temporary_(temporary) {}
  bool temporary() const { return temporary_; }

 private:
  bool temporary_;
};

// Rethrows the exception being handled as sdk::RetryLater or sdk::Error, its message
// naming the setting to look at (connection or query) and scrubbed of the password.
// `elapsed`: how long the failed call took; one that ran into query_timeout is retried.
[[noreturn]] void rethrowAsPluginError(const SqlConfig& config, Stage stage,
                                       std::chrono::steady_clock::duration elapsed);

// Runs `call`; a failure leaves as sdk::RetryLater or sdk::Error (rethrowAsPluginError).
template <typename Call>
auto guarded(const SqlConfig& config, Stage stage, Call&& call) {
  const auto start = std::chrono::steady_clock::now();
  try {
    return call();
  } catch (...) {
    rethrowAsPluginError(config, stage, std::chrono::steady_clock::now() - start);
  }
}

// True for an ODBC or PostgreSQL SQLSTATE that means a temporary condition (connection, timeout,
// deadlock or serialisation failure, cancelled, lock not available).
bool isTemporarySqlState(const std::string& state);

}  // namespace brobyg::sql
