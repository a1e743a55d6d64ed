// Reads one export file: preamble, header, records; good rows to the sink, bad ones rejected.
#pragma once

#include "ByteSource.h"
#include "CsvConfig.h"
#include "FieldMapping.h"

#include <brobyg_plugin.hpp>

#include <string>

namespace brobyg::csv {

enum class FileResult {
  Finished,  // every record went to the sink as a row or a reject
  Stopped    // the sink asked to stop: the file must be read again next time
};

// `label` is the file's path relative to the configured directory (the origin prefix).
// Throws sdk::Error when the file as a whole cannot be read (e.g. the header lacks a column).
FileResult readCsvFile(ByteSource& source, const std::string& label, const CsvConfig& config,
                       FieldMapping& mapping, const sdk::RowSink& sink,
                       size_t bufferSize = CsvReader::kDefaultBufferSize);

}  // namespace brobyg::csv
