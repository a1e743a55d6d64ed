// Sorting database failures into "try again later" (the database is down, locked, busy or
// slow) and "fix the configuration" (a bad query, a refused login), for every connector.
#pragma once

#include "SqlConfig.h"

#include <chrono>
#include <exception>
#include <string>

namespace brobyg::sql {

enum class Stage { Connect, Query };

// Rethrows the exception being handled as sdk::RetryLater or sdk::Error, its message
// naming the setting to look at (connection or query) and scrubbed of the password.
// `elapsed`: how long the failed call took; one that ran into query_timeout is retried.
[[noreturn]] void rethrowAsPluginError(const SqlConfig& config, Stage stage,
                                       std::chrono::steady_clock::duration elapsed);

// True for an ODBC SQLSTATE that means a temporary condition (connection, timeout,
// deadlock or serialisation failure, cancelled, lock not available).
bool isTemporarySqlState(const std::string& state);

}  // namespace brobyg::sql
