// The sql plugin's settings, parsed and checked once at create().
#pragma once

#include "QueryText.h"

#include <brobyg_plugin.hpp>

#include <chrono>
#include <cstdint>
#include <string>

namespace brobyg::sql {

enum class Connector { Sqlite, PostgreSql, Odbc };

inline constexpr std::int64_t kMaxBatchSize = 100000;

struct SqlConfig {
  Connector connector = Connector::Sqlite;
  std::string connection;  // as configured: never holds the password
  std::string password;    // secret: never in a message
  PreparedQuery query;     // placeholders of the connector
  std::string watermarkColumn;
  std::string keyColumn;
  std::string initialWatermark;
  std::string initialKey;
  std::size_t batchSize = 1000;
  std::chrono::seconds queryTimeout{300};

  // Throws sdk::Error naming the offending setting, never a value.
  static SqlConfig fromSettings(const sdk::Settings& settings);

  // The connection string handed to Poco::Data (ODBC): `connection` with the password added
  // in ODBC's syntax. Secret: never log it. (PostgreSQL: PgParameters.h.)
  std::string connectionWithPassword() const;
  // Poco::Data's name of the connector (sqlite, odbc).
  const char* connectorName() const;
  // `text` with the password replaced by "(secret)": every message from a driver passes
  // through here, in case it quotes its connection string.
  std::string scrub(std::string text) const;
};

// True when a connection string of `connector` holds a password of its own (PASSWORD= or
// PWD= keywords, or a user:password@ URI).
bool holdsPassword(Connector connector, const std::string& connection);

}  // namespace brobyg::sql
