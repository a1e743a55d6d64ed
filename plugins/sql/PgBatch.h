// A batch of libpq results (text format) read through the ResultBatch seam: each cell is the
// server's own text, handed on in place, without a copy or an allocation.
#pragma once

#include "ResultBatch.h"

#include <libpq-fe.h>

#include <vector>

namespace brobyg::sql {

// The kind of a column of PostgreSQL type `oid` (built-in types; any other type, an enum or
// a domain over text for instance, is read as text).
ColumnKind pgKindOf(Oid oid);

class PgBatch : public ResultBatch {
 public:
  explicit PgBatch(const PGresult* result);

  std::size_t rowCount() const override { return rows_; }
  std::size_t columnCount() const override { return kinds_.size(); }
  std::string columnName(std::size_t column) const override;
  ColumnKind columnKind(std::size_t column) const override { return kinds_.at(column); }
  bool text(std::size_t column, std::size_t row, std::string_view& out) const override;

 private:
  const PGresult* result_;
  std::size_t rows_;
  std::vector<ColumnKind> kinds_;
};

}  // namespace brobyg::sql
