// The configured query with named parameters (:watermark, :key) rewritten into the placeholders
// of a connector: "?" for SQLite and ODBC, "$1", "$2", ... for PostgreSQL. Parameters are found
// outside string literals, quoted identifiers and comments, and "::" (a PostgreSQL cast) is
// not one, so that a query can be written as the database's own tools accept it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace brobyg::sql {

enum class Placeholders { Question, Dollar };

struct PreparedQuery {
  std::string text;                 // the query with placeholders
  std::vector<std::string> params;  // the name bound to each placeholder, in order
  bool hasOrderBy = false;          // ORDER BY appears outside literals and comments
};

// Throws std::invalid_argument naming the problem (an unterminated literal or comment, a
// parameter other than `known`) without quoting the query.
PreparedQuery prepareQuery(std::string_view query, Placeholders style,
                           const std::vector<std::string>& known);

}  // namespace brobyg::sql
