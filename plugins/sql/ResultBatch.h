// One batch of query results as the row mapping reads it, whatever the client library: the
// result's columns (name and kind) and each cell's text. The seam between the connectors
// (Poco::Data for SQLite and ODBC, libpq for PostgreSQL) and RowMapping.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace brobyg::sql {

// What a column holds, as far as the mapping cares: which columns may carry the cursor, which
// a date field takes the day of, which are refused outright.
enum class ColumnKind { Text, Integer, Decimal, Boolean, Date, Time, Timestamp, Binary, Unknown };

// True for the kinds a cursor value may have: text and whole numbers, whose text the database
// reads back as exactly the same value.
bool isExactKind(ColumnKind kind);

// "date", "time", "timestamp", ...: a column kind for messages.
const char* kindName(ColumnKind kind);

class ResultBatch {
 public:
  virtual ~ResultBatch() = default;

  virtual std::size_t rowCount() const = 0;
  virtual std::size_t columnCount() const = 0;
  virtual std::string columnName(std::size_t column) const = 0;
  virtual ColumnKind columnKind(std::size_t column) const = 0;

  // The text of one cell into `out` (empty for NULL): NULL is empty, whole numbers decimal,
  // dates yyyy-mm-dd, timestamps yyyy-mm-dd hh:mm:ss[.ffffff], text as it is. False for a
  // value with no text (binary data). `out` stays valid until the next call for the same column.
  virtual bool text(std::size_t column, std::size_t row, std::string_view& out) const = 0;
};

}  // namespace brobyg::sql
