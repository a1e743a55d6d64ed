#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dataset/ChunkedOutput.h"
#include "dataset/DatasetSpec.h"

namespace brobyg::dataset {

// What finish() leaves behind.
struct WriteResult {
  std::uint64_t rows = 0;
  std::uint64_t bytes = 0;  // size of the file
  std::string path;
};

// Writes one dataset file, row by row, in constant memory. The file appears at `path` only
// when finish() has made it durable (temp file, fsync, rename); a writer destroyed before
// finish() leaves nothing behind and an existing file at `path` untouched. Given a ByteSink
// instead of a path, the bytes go there (package::DeflatedFile deflates them on the way).
//
// A row has one value per output column of the spec, in spec order; an empty value means
// "absent" and is refused for a required column. Errors (brobyg::Error) name the file, the
// row number and the column, never a value.
class DatasetWriter {
 public:
  DatasetWriter(const DatasetSpec& spec, std::unique_ptr<ByteSink> sink);
  virtual ~DatasetWriter() = default;
  DatasetWriter(const DatasetWriter&) = delete;
  DatasetWriter& operator=(const DatasetWriter&) = delete;

  void begin();
  // Returns the record's bytes as written, valid until the writer's next call.
  std::string_view writeRow(const std::string_view* values, std::size_t n);
  WriteResult finish();

  virtual std::string_view format() const = 0;  // "csv" or "xml"
  const DatasetSpec& spec() const { return spec_; }
  const std::string& path() const { return out_.target(); }
  std::uint64_t rowsWritten() const { return rows_; }

 protected:
  virtual void writeHeader(ChunkedOutput& out) = 0;
  // Called with exactly spec().outputs().size() values whose required ones are non-empty.
  // Returns the bytes it wrote (in `out`'s buffer).
  virtual std::string_view writeRecord(ChunkedOutput& out, const std::string_view* values) = 0;
  virtual void writeFooter(ChunkedOutput& out) = 0;
  // Throws the error for a value the format cannot carry (row number from rowsWritten()).
  [[noreturn]] void refuseValue(std::size_t column, const char* why) const;

 private:
  enum class State { Created, Writing, Finished };
  const DatasetSpec& spec_;
  ChunkedOutput out_;
  std::vector<char> required_;  // per column, copied so the row check stays in cache
  std::uint64_t rows_ = 0;
  State state_ = State::Created;
};

// A writer for `format` ("csv" or "xml"); throws brobyg::Error for any other format.
// Durability::Scratch for work files that are packaged right away (no fsync).
std::unique_ptr<DatasetWriter> makeWriter(std::string_view format, const DatasetSpec& spec,
                                          const std::string& path,
                                          Durability durability = Durability::Durable);
std::unique_ptr<DatasetWriter> makeWriter(std::string_view format, const DatasetSpec& spec,
                                          std::unique_ptr<ByteSink> sink);

}  // namespace brobyg::dataset
