// Reads one export file: preamble, header, records; good rows to the sink, bad ones rejected.
#pragma once

#include "CsvConfig.h"
#include "FieldMapping.h"
#include "LineAccount.h"

#include <brobyg_plugin.hpp>

#include <optional>
#include <string>

namespace brobyg::csv {

enum class FileResult {
  Finished,  // every record went to the sink as a row or a reject
  Stopped    // the sink asked to stop: the file must be read again next time
};

struct FileRead {
  FileResult result = FileResult::Finished;
  // Where each line read went; when Finished, lines.total() is the number of physical lines
  // read (the whole file, or what followed the resume point).
  LineAccount lines;
  // Just after the last line end read: where a later read of the same, grown file goes on.
  CsvReader::Position resume;
};

// Reads a whole file from its start. `label` is the file's path relative to the configured
// directory (the origin prefix). Throws sdk::Error when the file as a whole cannot be read
// (e.g. the header lacks a column).
FileRead readCsvFile(ByteSource& source, const std::string& label, const CsvConfig& config,
                     FieldMapping& mapping, const sdk::RowSink& sink,
                     size_t bufferSize = CsvReader::kDefaultBufferSize);

// Reads only what follows `from`, the resume point of an earlier read of the same file whose
// bytes up to there are known to be unchanged; the header is read again from the start to
// bind the columns. Nothing when `from` does not lie after the header (then read it all).
std::optional<FileRead> readCsvFileFrom(SeekableSource& source, const std::string& label,
                                        const CsvConfig& config, FieldMapping& mapping,
                                        const sdk::RowSink& sink, CsvReader::Position from,
                                        size_t bufferSize = CsvReader::kDefaultBufferSize);

}  // namespace brobyg::csv
