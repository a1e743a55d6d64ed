#include "dataset/CsvDatasetWriter.h"

#include "dataset/CsvField.h"

namespace brobyg::dataset {

void CsvDatasetWriter::writeHeader(ChunkedOutput& out) {
  const auto& columns = spec().outputs();
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) out.push(',');
    out.append(columns[i].name);  // column names are plain identifiers
  }
  out.append("\r\n");
}

std::size_t csvRecordMaxSize(const std::string_view* values, std::size_t n) {
  std::size_t worst = 2 + n;
  for (std::size_t i = 0; i < n; ++i) worst += csvFieldMaxSize(values[i].size());
  return worst;
}

std::size_t encodeCsvRecord(const std::string_view* values, std::size_t n, char* out,
                            std::size_t& badColumn) {
  char* o = out;
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) *o++ = ',';
    std::size_t len = encodeCsvField(values[i], ',', o);
    if (len == kInvalidUtf8) {
      badColumn = i;
      return kInvalidUtf8;
    }
    o += len;
  }
  *o++ = '\r';
  *o++ = '\n';
  return static_cast<std::size_t>(o - out);
}

std::string_view CsvDatasetWriter::writeRecord(ChunkedOutput& out,
                                               const std::string_view* values) {
  const std::size_t n = spec().outputs().size();
  char* const start = out.reserve(csvRecordMaxSize(values, n));
  std::size_t badColumn = 0;
  const std::size_t size = encodeCsvRecord(values, n, start, badColumn);
  if (size == kInvalidUtf8) refuseValue(badColumn, "value is not valid UTF-8");
  out.advance(size);
  return {start, size};
}

}  // namespace brobyg::dataset
