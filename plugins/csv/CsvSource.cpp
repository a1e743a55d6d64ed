#include "CsvSource.h"

namespace brobyg::csv {
namespace {

files::FileDone doneOf(const FileRead& read) {
  return {read.result == FileResult::Finished, read.resume, read.lines.summary()};
}

}  // namespace

CsvSource::CsvSource(const sdk::Context& context)
    : sdk::Source(context),
      config_(CsvConfig::fromSettings(context.settings())),
      mapping_(context.settings(), context.dataset(), config_),
      picker_(config_, kCursorFormat, this->context()) {}

void CsvSource::check() {
  picker_.check();
}

files::FileDone CsvSource::readWhole(files::HashingFile& file, const std::string& label,
                                     const sdk::RowSink& sink) {
  return doneOf(readCsvFile(file, label, config_, mapping_, sink));
}

// Reads on from where the last read stopped, when the record has a resume point after the
// header.
std::optional<files::FileDone> CsvSource::readGrown(files::HashingFile& file,
                                                    const std::string& label,
                                                    const files::ProcessedFiles::Entry& known,
                                                    const sdk::RowSink& sink) {
  if (!known.resume) return std::nullopt;
  if (auto read = readCsvFileFrom(file, label, config_, mapping_, sink, *known.resume))
    return doneOf(*read);
  return std::nullopt;
}

void CsvSource::pull(const std::optional<std::string>& cursor, const sdk::RowSink& sink) {
  picker_.pull(cursor, sink, *this);
}

}  // namespace brobyg::csv
