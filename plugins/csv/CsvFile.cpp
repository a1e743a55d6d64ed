#include "CsvFile.h"

#include <charconv>

namespace brobyg::csv {
namespace {

// "<label>:<line>" built in a reused buffer: no allocation per row.
class Origin {
 public:
  explicit Origin(const std::string& label) : text_(label), prefix_(label.size() + 1) {
    text_.push_back(':');
  }
  const std::string& at(std::uint64_t line) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, line).ptr;
    text_.resize(prefix_);
    text_.append(digits, static_cast<size_t>(end - digits));
    return text_;
  }

 private:
  std::string text_;
  size_t prefix_;
};

const char* problemText(Record::Problem problem) {
  switch (problem) {
    case Record::Problem::TooLong:
      return "row longer than max_line_bytes";
    case Record::Problem::UnterminatedQuote:
      return "unterminated quote: the row ends at its first line end";
    case Record::Problem::TextAfterQuote:
    case Record::Problem::None:
      break;
  }
  return "malformed row";
}

// Reads skip_lines and the header row and binds the mapping's columns. False when the file
// ends first. `expectedColumns` is the header's column count (0 without a header).
bool readHeader(CsvReader& reader, const std::string& label, const CsvConfig& config,
                FieldMapping& mapping, LineAccount& lines, size_t& expectedColumns) {
  reader.skipLines(config.skipLines);
  expectedColumns = 0;
  if (!config.header) {
    mapping.bindNumbers();
    return true;
  }
  Record record;
  if (!reader.next(record)) return false;  // empty file
  if (record.problem != Record::Problem::None)
    throw sdk::Error("file '" + label + "': the header row is malformed (" +
                     problemText(record.problem) + ")");
  if (auto error = mapping.bindHeader(record.fields))
    throw sdk::Error("file '" + label + "': " + *error);
  lines.header = record.lines;
  expectedColumns = record.fields.size();
  return true;
}

// Reads the records after the header: each one a row for the sink or a reject.
FileResult readRows(CsvReader& reader, const std::string& label, FieldMapping& mapping,
                    const sdk::RowSink& sink, LineAccount& lines, size_t expectedColumns) {
  Record record;
  Origin origin(label);
  std::string reason;
  std::vector<brobyg_str> values;
  const auto reject = [&](const std::string& where, const std::string& why) {
    sink.reject(where, why, record.raw);
    lines.quarantined += record.lines;
  };
  while (reader.next(record)) {
    const std::string& where = origin.at(record.line);
    if (record.problem == Record::Problem::TextAfterQuote) {
      reject(where, "column " + std::to_string(record.problemField + 1) +
                        ": text after the closing quote");
      continue;
    }
    if (record.problem != Record::Problem::None) {
      reject(where, problemText(record.problem));
      continue;
    }
    // Without a header, the first row with every mapped column fixes the column count: a
    // row with another count has a stray or missing delimiter and would map shifted values.
    if (expectedColumns == 0 && record.fields.size() >= mapping.columnsNeeded())
      expectedColumns = record.fields.size();
    if (record.fields.size() != expectedColumns) {
      reject(where,
             "row has " + std::to_string(record.fields.size()) + " columns, expected " +
                 std::to_string(expectedColumns == 0 ? mapping.columnsNeeded() : expectedColumns));
      continue;
    }
    if (!mapping.map(record.fields, values, reason)) {
      reject(where, reason);
      continue;
    }
    if (!sink.row(values.data(), values.size(), where.c_str())) return FileResult::Stopped;
    lines.delivered += record.lines;
  }
  lines.skipped += reader.skippedLines();
  return FileResult::Finished;
}

}  // namespace

FileRead readCsvFile(ByteSource& source, const std::string& label, const CsvConfig& config,
                     FieldMapping& mapping, const sdk::RowSink& sink, size_t bufferSize) {
  CsvReader reader(source, config.dialect, config.maxLineBytes, bufferSize);
  FileRead read;
  size_t expectedColumns = 0;
  if (readHeader(reader, label, config, mapping, read.lines, expectedColumns))
    read.result = readRows(reader, label, mapping, sink, read.lines, expectedColumns);
  else
    read.lines.skipped = reader.skippedLines();
  read.resume = reader.resumePoint();
  return read;
}

std::optional<FileRead> readCsvFileFrom(SeekableSource& source, const std::string& label,
                                        const CsvConfig& config, FieldMapping& mapping,
                                        const sdk::RowSink& sink, CsvReader::Position from,
                                        size_t bufferSize) {
  size_t expectedColumns = 0;
  {
    source.seek(0);
    CsvReader headerReader(source, config.dialect, config.maxLineBytes, bufferSize);
    LineAccount headerLines;
    if (!readHeader(headerReader, label, config, mapping, headerLines, expectedColumns) ||
        headerReader.resumePoint().offset > from.offset || from.offset == 0)
      return std::nullopt;
  }
  source.seek(from.offset);
  CsvReader reader(source, config.dialect, config.maxLineBytes, bufferSize, from);
  FileRead read;
  read.result = readRows(reader, label, mapping, sink, read.lines, expectedColumns);
  read.resume = reader.resumePoint();
  return read;
}

}  // namespace brobyg::csv
