// The csv source: reads new export files from a directory and remembers the ones it read.
#pragma once

#include "CsvConfig.h"
#include "FieldMapping.h"

#include <brobyg_plugin.hpp>

#include <optional>
#include <string>

namespace brobyg::csv {

class CsvSource : public sdk::Source {
 public:
  explicit CsvSource(const sdk::Context& context);

  // The directory exists and can be listed.
  void check() override;
  // Reads every matching file not in the cursor, in name order; after each finished file the
  // sink gets the new cursor.
  void pull(const std::optional<std::string>& cursor, const sdk::RowSink& sink) override;

 private:
  CsvConfig config_;
  FieldMapping mapping_;
};

}  // namespace brobyg::csv
