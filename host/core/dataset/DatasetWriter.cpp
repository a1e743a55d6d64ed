#include "dataset/DatasetWriter.h"

#include "dataset/CsvDatasetWriter.h"
#include "dataset/XmlDatasetWriter.h"
#include "util/Error.h"

namespace brobyg::dataset {

DatasetWriter::DatasetWriter(const DatasetSpec& spec, std::unique_ptr<ByteSink> sink)
    : spec_(spec), out_(std::move(sink)) {
  for (const OutputColumn& c : spec_.outputs()) required_.push_back(c.required ? 1 : 0);
}

void DatasetWriter::begin() {
  if (state_ != State::Created) throw Error(path() + ": dataset writer begun twice");
  writeHeader(out_);
  state_ = State::Writing;
}

std::string_view DatasetWriter::writeRow(const std::string_view* values, std::size_t n) {
  if (state_ != State::Writing) throw Error(path() + ": row written outside begin() and finish()");
  if (n != required_.size())
    throw Error(located(path(), 0,
                        "row " + std::to_string(rows_ + 1) + " has " + std::to_string(n) +
                            " values, dataset " + spec_.name() + " has " +
                            std::to_string(required_.size()) + " columns"));
  for (std::size_t i = 0; i < n; ++i)
    if (required_[i] && values[i].empty()) refuseValue(i, "required column is empty");
  const std::string_view record = writeRecord(out_, values);
  out_.endRecord();  // a flush leaves the buffer's bytes as they are until the next reserve
  ++rows_;
  return record;
}

WriteResult DatasetWriter::finish() {
  if (state_ != State::Writing) throw Error(path() + ": dataset writer finished without begin()");
  writeFooter(out_);
  state_ = State::Finished;
  std::uint64_t bytes = out_.commit();
  return WriteResult{rows_, bytes, path()};
}

void DatasetWriter::refuseValue(std::size_t column, const char* why) const {
  throw Error(path() + ": row " + std::to_string(rows_ + 1) + ", column " +
              spec_.outputs()[column].name + ": " + why);
}

std::unique_ptr<DatasetWriter> makeWriter(std::string_view format, const DatasetSpec& spec,
                                          const std::string& path, Durability durability) {
  return makeWriter(format, spec, fileSink(path, durability));
}

std::unique_ptr<DatasetWriter> makeWriter(std::string_view format, const DatasetSpec& spec,
                                          std::unique_ptr<ByteSink> sink) {
  if (format == "csv") return std::make_unique<CsvDatasetWriter>(spec, std::move(sink));
  if (format == "xml") return std::make_unique<XmlDatasetWriter>(spec, std::move(sink));
  throw Error("unknown dataset format '" + std::string(format) + "' (expected csv or xml)");
}

}  // namespace brobyg::dataset
