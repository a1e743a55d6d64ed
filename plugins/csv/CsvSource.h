// The csv source: reads new export files from a directory and remembers the ones it read.
#pragma once

#include "CsvConfig.h"
#include "CsvFile.h"
#include "FieldMapping.h"

#include <common/FilePicker.h>

#include <brobyg_plugin.hpp>

#include <optional>
#include <string>

namespace brobyg::csv {

// The csv cursor: version 2 has the resume columns; version 1 cursors are still read.
inline constexpr files::CursorFormat kCursorFormat{"csv", "brobyg-csv-cursor 2",
                                                   "brobyg-csv-cursor 1"};

class CsvSource : public sdk::Source, private files::FileReader {
 public:
  explicit CsvSource(const sdk::Context& context);

  // The directory exists and can be listed.
  void check() override;
  // Reads every matching file not in the cursor, in name order; a file that only grew is
  // read from where the last read stopped. After each finished file the sink gets the new
  // cursor. Symbolic links are skipped with a warning unless follow_symlinks allows them.
  void pull(const std::optional<std::string>& cursor, const sdk::RowSink& sink) override;

 private:
  files::FileDone readWhole(files::HashingFile& file, const std::string& label,
                            const sdk::RowSink& sink) override;
  std::optional<files::FileDone> readGrown(files::HashingFile& file, const std::string& label,
                                           const files::ProcessedFiles::Entry& known,
                                           const sdk::RowSink& sink) override;

  CsvConfig config_;
  FieldMapping mapping_;
  files::FilePicker picker_;
};

}  // namespace brobyg::csv
