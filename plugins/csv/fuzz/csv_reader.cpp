// Fuzz target: the csv tokeniser and file reader. The input's first bytes choose the
// dialect, the record limit, the buffer and chunk sizes and skip_lines; the rest is the file.
// Asserts the line-accounting invariant: every physical line is in exactly one record or
// counted as skipped, through the reader alone and through readCsvFile (header, delivered,
// quarantined, skipped), and a read resumed at the resume point accounts for the rest.
#include "CsvFile.h"
#include "CsvReader.h"
#include "FuzzSupport.h"
#include "LineAccount.h"

#include <testing/CapturingSink.hpp>

#include <testing/StandardDatasets.hpp>

namespace brobyg::csv::fuzz {
namespace {

constexpr char kDelimiters[] = {';', ',', '|', '\t'};
constexpr char kQuotes[] = {'"', '\''};

struct Params {
  Dialect dialect;
  size_t maxBytes;
  size_t bufferSize;
  size_t chunk;
  std::uint64_t skip;
  bool header;
};

Params pick(Picker& in) {
  Params p;
  const std::uint8_t style = in.byte();
  p.dialect.delimiter = kDelimiters[style & 3];
  p.dialect.quote = kQuotes[(style >> 2) & 1];
  p.header = (style & 8) != 0;
  p.maxBytes = 64 + static_cast<size_t>(in.byte()) * 4;
  p.bufferSize = 4 + in.byte() % 64;
  p.chunk = 1 + in.byte() % 32;
  p.skip = in.byte() % 4;
  return p;
}

// Reads every record, checking order and the invariant; returns the resume point.
CsvReader::Position readerAlone(std::string_view file, const Params& p, CsvReader::Position start,
                                std::uint64_t skip) {
  ChunkedSource source(file, p.chunk);
  CsvReader reader(source, p.dialect, p.maxBytes, p.bufferSize, start);
  reader.skipLines(skip);
  Record record;
  std::uint64_t lines = 0;
  std::uint64_t nextLine = start.line;
  while (reader.next(record)) {
    if (record.lines == 0 || record.line < nextLine) violated("records overlap");
    if (record.raw.size() > p.maxBytes) violated("record longer than the limit");
    if (record.problem == Record::Problem::None && record.fields.empty())
      violated("good record without fields");
    nextLine = record.line + record.lines;
    lines += record.lines;
  }
  if (lines + reader.skippedLines() != countPhysicalLines(file)) violated("reader line account");
  const CsvReader::Position resume = reader.resumePoint();
  if (resume.offset < start.offset || resume.offset > start.offset + file.size())
    violated("resume point outside the input");
  return resume;
}

void throughFile(std::string_view file, const Params& p) {
  testing::SettingsMap values = {{"directory", "/nonexistent"},
                                 {"column.person", p.header ? "a" : "1"},
                                 {"column.date", p.header ? "b" : "2"},
                                 {"column.category", p.header ? "c" : "3"},
                                 {"constant.municipality", "0101"},
                                 {"constant.school", "280123"},
                                 {"value.category.*", "sick"},
                                 {"header", p.header ? "true" : "false"},
                                 {"max_line_bytes", std::to_string(p.maxBytes)},
                                 {"skip_lines", std::to_string(p.skip)},
                                 {"delimiter", std::string(1, p.dialect.delimiter)},
                                 {"quote", std::string(1, p.dialect.quote)}};
  const FuzzSettings settings(values);
  const CsvConfig config = CsvConfig::fromSettings(settings.settings());
  FieldMapping mapping(settings.settings(), sdk::Dataset(brobyg::testing::datasets::absenceEvent()),
                       config);
  testing::CapturingSink sink;
  ChunkedSource source(file, p.chunk);
  try {
    const FileRead read =
        readCsvFile(source, "f.csv", config, mapping, sdk::RowSink(sink.abi()), p.bufferSize);
    if (read.lines.total() != countPhysicalLines(file)) violated("file line account");
    if (read.lines.delivered < sink.rows().size() || read.lines.quarantined < sink.rejects().size())
      violated("rows or rejects without lines");
  } catch (const sdk::Error&) {
    // A header without the configured columns fails the file as a whole: allowed.
  }
}

}  // namespace
}  // namespace brobyg::csv::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  using namespace brobyg::csv;
  using namespace brobyg::csv::fuzz;
  Picker in(data, size);
  const Params p = pick(in);
  const std::string_view file = in.rest();
  const CsvReader::Position resume = readerAlone(file, p, {}, p.skip);
  // Whatever follows the resume point reads as a file of its own, starting at that line.
  if (resume.offset > 0 && file[resume.offset - 1] != '\n') violated("resume not after a line end");
  readerAlone(file.substr(resume.offset), p, resume, 0);
  throughFile(file, p);
  return 0;
}
