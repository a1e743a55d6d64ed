#pragma once

#include "dataset/DatasetWriter.h"

namespace brobyg::dataset {

// The most bytes encodeCsvRecord writes for these values.
std::size_t csvRecordMaxSize(const std::string_view* values, std::size_t n);
// Writes the values as one CSV record with its CRLF, as CsvDatasetWriter does, at `out`
// (csvRecordMaxSize bytes of room). Returns the bytes written, or kInvalidUtf8 with
// `badColumn` set. For a fixed column count the encoding is injective (RFC 4180 parses it
// back), which is why the row digests hash these bytes (state::RowHasher).
std::size_t encodeCsvRecord(const std::string_view* values, std::size_t n, char* out,
                            std::size_t& badColumn);

// RFC 4180 CSV: UTF-8 without BOM, a header row of column names, CRLF after every record,
// a field quoted only when it holds a comma, double quote, CR or LF. An absent value is an
// empty field.
class CsvDatasetWriter final : public DatasetWriter {
 public:
  CsvDatasetWriter(const DatasetSpec& spec, const std::string& path,
                   Durability durability = Durability::Durable)
      : DatasetWriter(spec, fileSink(path, durability)) {}
  CsvDatasetWriter(const DatasetSpec& spec, std::unique_ptr<ByteSink> sink)
      : DatasetWriter(spec, std::move(sink)) {}
  std::string_view format() const override { return "csv"; }

 private:
  void writeHeader(ChunkedOutput& out) override;
  std::string_view writeRecord(ChunkedOutput& out, const std::string_view* values) override;
  void writeFooter(ChunkedOutput&) override {}
};

}  // namespace brobyg::dataset
