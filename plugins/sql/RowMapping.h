// Turns batches of query results into dataset rows: binds the configured columns to the
// result's columns by name, converts each row through the shared field rules (value maps,
// codes, dates, whole numbers), and follows the (watermark, key) of the last row read.
#pragma once

#include "ResultBatch.h"
#include "SqlConfig.h"
#include "SqlCursor.h"

#include <common/FieldRules.h>

#include <brobyg_plugin.hpp>

#include <optional>
#include <string>
#include <vector>

namespace brobyg::sql {

class RowMapping {
 public:
  // Throws sdk::Error naming the setting (column.<field>, constant.<field>, value.<entry>).
  RowMapping(const SqlConfig& config, const sdk::Settings& settings, const sdk::Dataset& dataset);

  // Binds the configured columns to the result's columns (case-insensitive). Throws
  // sdk::Error naming the setting and the missing column, or a cursor column of a type whose
  // text would not compare equal in the database.
  void bind(const ResultBatch& result);
  bool bound() const { return bound_; }

  // Hands every row of `batch` to the sink (or its quarantine) and moves `cursor` past it.
  // `rowNumber` counts rows across batches, for origins. False when the host asked to stop.
  bool deliver(const ResultBatch& batch, SqlCursor& cursor, std::size_t& rowNumber,
               const sdk::RowSink& sink);

 private:
  struct Bound {
    std::size_t column = 0;  // in the result
    bool dateFromTimestamp = false;
  };

  // The text of one cell into `out`; false (with `reason`) when it has none.
  bool cell(const ResultBatch& batch, std::size_t column, std::size_t row, const std::string& label,
            std::string_view& out);
  // The watermark and key of a row into watermark_ and key_; false (with reason_) when a
  // cursor column has no text or is empty.
  bool cursorOf(const ResultBatch& batch, std::size_t row);
  std::string rawRow(const ResultBatch& batch, std::size_t row) const;

  const SqlConfig& config_;
  files::FieldRules rules_;
  std::vector<brobyg_field_type> types_;
  std::vector<std::optional<Bound>> fields_;  // per dataset field: its column, if from the source
  std::size_t watermarkColumn_ = 0;
  std::size_t keyColumn_ = 0;
  bool bound_ = false;

  std::string watermarkLabel_;  // "column '<watermark_column>'"
  std::string keyLabel_;

  // Reused for every row: no allocation per row or value once the first rows are read.
  std::string origin_;
  std::vector<brobyg_str> values_;
  std::string watermark_;
  std::string key_;
  std::string reason_;
};

}  // namespace brobyg::sql
