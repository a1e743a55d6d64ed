// The csv source: reads new export files from a directory and remembers the ones it read.
#pragma once

#include "CsvConfig.h"
#include "CsvFile.h"
#include "DirectoryScan.h"
#include "FieldMapping.h"
#include "HashingFile.h"
#include "ProcessedFiles.h"

#include <brobyg_plugin.hpp>

#include <optional>
#include <string>

namespace brobyg::csv {

class CsvSource : public sdk::Source {
 public:
  explicit CsvSource(const sdk::Context& context);

  // The directory exists and can be listed.
  void check() override;
  // Reads every matching file not in the cursor, in name order; a file that only grew is
  // read from where the last read stopped. After each finished file the sink gets the new
  // cursor. Symbolic links are skipped with a warning unless follow_symlinks allows them.
  void pull(const std::optional<std::string>& cursor, const sdk::RowSink& sink) override;

 private:
  int open(const FoundFile& found) const;
  std::optional<FileRead> readKnown(HashingFile& file, const std::string& label,
                                    const ProcessedFiles::Entry* known, const sdk::RowSink& sink);

  CsvConfig config_;
  FieldMapping mapping_;
};

}  // namespace brobyg::csv
