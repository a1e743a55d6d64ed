#include "CsvSource.h"

#include "CsvFile.h"
#include "DirectoryScan.h"
#include "HashingFile.h"
#include "ProcessedFiles.h"

#include <filesystem>
#include <system_error>

namespace brobyg::csv {
namespace {

namespace fs = std::filesystem;

// True when the file was modified less than `age` ago: a vendor may still be writing it.
bool tooYoung(const fs::path& path, std::chrono::seconds age) {
  if (age.count() == 0) return false;
  std::error_code ec;
  const auto modified = fs::last_write_time(path, ec);
  if (ec) return true;
  return fs::file_time_type::clock::now() - modified < age;
}

// Hashes a whole file whose path and size match the cursor, to decide whether to skip it.
std::string hashOf(const fs::path& path, const std::string& label) {
  HashingFile file(path.string(), label);
  file.drain();
  return file.hexDigest();
}

}  // namespace

CsvSource::CsvSource(const sdk::Context& context)
    : sdk::Source(context),
      config_(CsvConfig::fromSettings(context.settings())),
      mapping_(context.settings(), context.dataset(), config_) {}

void CsvSource::check() {
  std::error_code ec;
  if (!fs::is_directory(config_.directory, ec))
    throw sdk::Error("directory '" + config_.directory.string() + "' does not exist");
  fs::directory_iterator probe(config_.directory, ec);
  if (ec) throw sdk::Error("directory '" + config_.directory.string() + "' cannot be read");
}

void CsvSource::pull(const std::optional<std::string>& cursor, const sdk::RowSink& sink) {
  check();
  ProcessedFiles processed =
      cursor && !cursor->empty() ? ProcessedFiles::parse(*cursor) : ProcessedFiles();
  size_t read = 0;
  size_t skipped = 0;
  for (const FoundFile& found :
       scanDirectory(config_.directory, config_.pattern, config_.recursive)) {
    if (tooYoung(found.path, config_.minFileAge)) continue;
    const ProcessedFiles::Entry* known = processed.find(found.relative);
    if (known != nullptr && known->size == found.size &&
        known->sha256 == hashOf(found.path, found.relative)) {
      ++skipped;
      continue;
    }

    HashingFile file(found.path.string(), found.relative);
    if (readCsvFile(file, found.relative, config_, mapping_, sink) == FileResult::Stopped) return;
    file.drain();  // unread bytes after a final blank line still belong to the digest
    std::error_code ec;
    const auto sizeNow = fs::file_size(found.path, ec);
    if (ec || sizeNow != found.size || file.bytesRead() != found.size)
      throw sdk::RetryLater("file '" + found.relative +
                            "' changed while it was read; it is read again on the next run");
    processed.record(found.relative, file.bytesRead(), file.hexDigest());
    sink.cursor(processed.serialise());
    ++read;
  }
  context().info("csv: read " + std::to_string(read) + " file(s), skipped " +
                 std::to_string(skipped) + " already processed");
}

}  // namespace brobyg::csv
