#include "CsvSource.h"

#include "CsvFile.h"
#include "DirectoryScan.h"
#include "HashingFile.h"
#include "OpenBelow.h"
#include "ProcessedFiles.h"

#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <system_error>

namespace brobyg::csv {
namespace {

namespace fs = std::filesystem;

// True when the opened file was modified less than `age` ago: a vendor may still be writing
// it. Asked of the descriptor, so that it is the file actually read (and a link is first
// refused or resolved by open()).
bool tooYoung(int fd, std::chrono::seconds age) {
  if (age.count() == 0) return false;
  struct stat status {};
  if (::fstat(fd, &status) != 0) return true;
  const auto modified = std::chrono::system_clock::from_time_t(status.st_mtime);
  return std::chrono::system_clock::now() - modified < age;
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

// Opens a listed file once, refusing links (or, with follow_symlinks=inside, links that leave
// the directory). -1 after a warning naming the file.
int CsvSource::open(const FoundFile& found) const {
  std::string below = found.relative;
  if (found.symlink) {
    if (config_.followSymlinks == FollowSymlinks::No) {
      context().warning("csv: file '" + found.relative +
                        "' is a symbolic link; skipped (setting follow_symlinks)");
      return -1;
    }
    below = linkTargetInside(config_.directory, found.path);
    if (below.empty()) {
      context().warning("csv: file '" + found.relative +
                        "' is a symbolic link to outside the directory; skipped");
      return -1;
    }
  }
  Opened opened = openBelow(config_.directory, below);
  if (opened.fd < 0)
    context().warning("csv: file '" + found.relative + "' skipped: " + opened.refusal);
  return opened.fd;
}

// Reads a file the cursor may know: unchanged is skipped, grown is read on from where the
// last read stopped, anything else is read in full. Nothing when it was skipped.
std::optional<FileRead> CsvSource::readKnown(HashingFile& file, const std::string& label,
                                             const ProcessedFiles::Entry* known,
                                             const sdk::RowSink& sink) {
  const std::uint64_t size = file.sizeNow();
  if (known != nullptr && size >= known->size) {
    file.seek(known->size);  // hashes the recorded prefix
    if (file.digestSoFar() == known->sha256) {
      if (size == known->size) return std::nullopt;
      if (known->resume) {
        if (auto read = readCsvFileFrom(file, label, config_, mapping_, sink, *known->resume))
          return read;
      }
    }
  }
  file.seek(0);
  return readCsvFile(file, label, config_, mapping_, sink);
}

void CsvSource::pull(const std::optional<std::string>& cursor, const sdk::RowSink& sink) {
  check();
  ProcessedFiles processed =
      cursor && !cursor->empty() ? ProcessedFiles::parse(*cursor) : ProcessedFiles();
  size_t read = 0;
  size_t skipped = 0;
  for (const FoundFile& found :
       scanDirectory(config_.directory, config_.pattern, config_.recursive)) {
    const int fd = open(found);
    if (fd < 0) continue;
    HashingFile file(fd, found.relative);
    if (tooYoung(fd, config_.minFileAge)) continue;
    const std::optional<FileRead> result =
        readKnown(file, found.relative, processed.find(found.relative), sink);
    if (!result) {
      ++skipped;
      continue;
    }
    if (result->result == FileResult::Stopped) return;
    // The reader went to the end it saw: the entry covers exactly those bytes, so that a file
    // that grew meanwhile is read on from there next time. One that shrank is read again.
    if (file.sizeNow() < file.bytesRead())
      throw sdk::RetryLater("file '" + found.relative +
                            "' changed while it was read; it is read again on the next run");
    processed.record(found.relative, file.bytesRead(), file.digestSoFar(), result->resume);
    sink.cursor(processed.serialise());
    context().info("csv: file '" + found.relative + "': " + result->lines.summary());
    ++read;
  }
  context().info("csv: read " + std::to_string(read) + " file(s), skipped " +
                 std::to_string(skipped) + " already processed");
}

}  // namespace brobyg::csv
