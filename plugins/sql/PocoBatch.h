// A batch of Poco::Data results (SQLite, ODBC) read through the ResultBatch seam.
#pragma once

#include "ResultBatch.h"

#include <Poco/Data/RecordSet.h>

#include <string>
#include <vector>

namespace brobyg::sql {

class PocoBatch : public ResultBatch {
 public:
  explicit PocoBatch(const Poco::Data::RecordSet& records)
      : records_(records), scratch_(records.columnCount()) {}

  std::size_t rowCount() const override { return records_.rowCount(); }
  std::size_t columnCount() const override { return records_.columnCount(); }
  std::string columnName(std::size_t column) const override;
  ColumnKind columnKind(std::size_t column) const override;
  bool text(std::size_t column, std::size_t row, std::string_view& out) const override;

 private:
  const Poco::Data::RecordSet& records_;
  // Per column, the text of its last cell read (Poco's values are not text): a row's views
  // stay valid while the mapping converts the row.
  mutable std::vector<std::string> scratch_;
};

}  // namespace brobyg::sql
