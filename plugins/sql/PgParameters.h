// libpq's connection parameters for the configured `connection` (keyword=value pairs, parsed
// by libpq itself), the password added as a parameter of its own (never in a string that could
// be logged) and connect_timeout from query_timeout unless the connection sets one. TLS
// settings (sslmode, sslrootcert, ...) pass through as written, with libpq's defaults.
#pragma once

#include "SqlConfig.h"

#include <string>
#include <utility>
#include <vector>

namespace brobyg::sql {

struct PgParameters {
  std::vector<std::string> keywords;
  std::vector<std::string> values;  // secret: holds the password

  // Throws sdk::Error naming the setting connection when libpq cannot parse it.
  static PgParameters of(const SqlConfig& config);

  // Null-terminated arrays for PQconnectdbParams, pointing into this object.
  std::vector<const char*> keywordArray() const;
  std::vector<const char*> valueArray() const;

  void set(const std::string& keyword, const std::string& value);
  bool has(const std::string& keyword) const;
};

}  // namespace brobyg::sql
