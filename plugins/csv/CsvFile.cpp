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
      return "unterminated quote at end of file";
    case Record::Problem::TextAfterQuote:
    case Record::Problem::None:
      break;
  }
  return "malformed row";
}

}  // namespace

FileResult readCsvFile(ByteSource& source, const std::string& label, const CsvConfig& config,
                       FieldMapping& mapping, const sdk::RowSink& sink, size_t bufferSize) {
  CsvReader reader(source, config.dialect, config.maxLineBytes, bufferSize);
  reader.skipLines(config.skipLines);
  Record record;
  Origin origin(label);
  std::string reason;
  std::vector<brobyg_str> values;

  size_t expectedColumns = 0;  // 0: not known yet (no header: set by the first usable row)
  if (config.header) {
    if (!reader.next(record)) return FileResult::Finished;  // empty file
    if (record.problem != Record::Problem::None)
      throw sdk::Error("file '" + label + "': the header row is malformed (" +
                       problemText(record.problem) + ")");
    if (auto error = mapping.bindHeader(record.fields))
      throw sdk::Error("file '" + label + "': " + *error);
    expectedColumns = record.fields.size();
  } else {
    mapping.bindNumbers();
  }

  while (reader.next(record)) {
    const std::string& where = origin.at(record.line);
    if (record.problem == Record::Problem::TextAfterQuote) {
      reason =
          "column " + std::to_string(record.problemField + 1) + ": text after the closing quote";
      sink.reject(where, reason, record.raw);
      continue;
    }
    if (record.problem != Record::Problem::None) {
      sink.reject(where, problemText(record.problem), record.raw);
      continue;
    }
    // Without a header, the first row with every mapped column fixes the column count: a
    // row with another count has a stray or missing delimiter and would map shifted values.
    if (expectedColumns == 0 && record.fields.size() >= mapping.columnsNeeded())
      expectedColumns = record.fields.size();
    if (record.fields.size() != expectedColumns) {
      reason = "row has " + std::to_string(record.fields.size()) + " columns, expected " +
               std::to_string(expectedColumns == 0 ? mapping.columnsNeeded() : expectedColumns);
      sink.reject(where, reason, record.raw);
      continue;
    }
    if (!mapping.map(record.fields, values, reason)) {
      sink.reject(where, reason, record.raw);
      continue;
    }
    if (!sink.row(values.data(), values.size(), where.c_str())) return FileResult::Stopped;
  }
  return FileResult::Finished;
}

}  // namespace brobyg::csv
