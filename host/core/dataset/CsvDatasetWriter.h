#pragma once

#include "dataset/DatasetWriter.h"

namespace brobyg::dataset {

// RFC 4180 CSV: UTF-8 without BOM, a header row of column names, CRLF after every record,
// a field quoted only when it holds a comma, double quote, CR or LF. An absent value is an
// empty field.
class CsvDatasetWriter final : public DatasetWriter {
 public:
  CsvDatasetWriter(const DatasetSpec& spec, const std::string& path,
                   Durability durability = Durability::Durable)
      : DatasetWriter(spec, path, durability) {}
  std::string_view format() const override { return "csv"; }

 private:
  void writeHeader(ChunkedOutput& out) override;
  void writeRecord(ChunkedOutput& out, const std::string_view* values) override;
  void writeFooter(ChunkedOutput&) override {}
};

}  // namespace brobyg::dataset
