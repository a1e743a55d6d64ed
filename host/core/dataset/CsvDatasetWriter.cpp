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

void CsvDatasetWriter::writeRecord(ChunkedOutput& out, const std::string_view* values) {
  const std::size_t n = spec().outputs().size();
  std::size_t worst = 2 + n;
  for (std::size_t i = 0; i < n; ++i) worst += csvFieldMaxSize(values[i].size());
  char* const start = out.reserve(worst);
  char* o = start;
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) *o++ = ',';
    std::size_t len = encodeCsvField(values[i], ',', o);
    if (len == kInvalidUtf8) refuseValue(i, "value is not valid UTF-8");
    o += len;
  }
  *o++ = '\r';
  *o++ = '\n';
  out.advance(static_cast<std::size_t>(o - start));
}

}  // namespace brobyg::dataset
