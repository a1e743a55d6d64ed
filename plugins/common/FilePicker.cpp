#include "FilePicker.h"

#include "DirectoryScan.h"
#include "OpenBelow.h"

#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <system_error>

namespace brobyg::files {
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

std::optional<FileDone> FileReader::readGrown(HashingFile& /*file*/, const std::string& /*label*/,
                                              const ProcessedFiles::Entry& /*known*/,
                                              const sdk::RowSink& /*sink*/) {
  return std::nullopt;
}

FilePicker::FilePicker(FileSettings settings, CursorFormat format, const sdk::Context& context)
    : settings_(std::move(settings)),
      format_(format),
      context_(context),
      prefix_(std::string(format.plugin) + ": ") {}

void FilePicker::check() const {
  std::error_code ec;
  if (!fs::is_directory(settings_.directory, ec))
    throw sdk::Error("directory '" + settings_.directory.string() + "' does not exist");
  fs::directory_iterator probe(settings_.directory, ec);
  if (ec) throw sdk::Error("directory '" + settings_.directory.string() + "' cannot be read");
}

// Opens a listed file once, refusing links (or, with follow_symlinks=inside, links that leave
// the directory). -1 after a warning naming the file.
int FilePicker::open(const FoundFile& found) const {
  std::string below = found.relative;
  if (found.symlink) {
    if (settings_.followSymlinks == FollowSymlinks::No) {
      context_.warning(prefix_ + "file '" + found.relative +
                       "' is a symbolic link; skipped (setting follow_symlinks)");
      return -1;
    }
    below = linkTargetInside(settings_.directory, found.path);
    if (below.empty()) {
      context_.warning(prefix_ + "file '" + found.relative +
                       "' is a symbolic link to outside the directory; skipped");
      return -1;
    }
  }
  Opened opened = openBelow(settings_.directory, below);
  if (opened.fd < 0)
    context_.warning(prefix_ + "file '" + found.relative + "' skipped: " + opened.refusal);
  return opened.fd;
}

// Reads a file the cursor may know: unchanged is skipped, grown goes to readGrown, anything
// else is read whole. Nothing when it was skipped.
std::optional<FileDone> FilePicker::readKnown(HashingFile& file, const std::string& label,
                                              const ProcessedFiles::Entry* known,
                                              FileReader& reader, const sdk::RowSink& sink) const {
  const std::uint64_t size = file.sizeNow();
  if (known != nullptr && size >= known->size) {
    file.seek(known->size);  // hashes the recorded prefix
    if (file.digestSoFar() == known->sha256) {
      if (size == known->size) return std::nullopt;
      if (auto done = reader.readGrown(file, label, *known, sink)) return done;
    }
  }
  file.seek(0);
  return reader.readWhole(file, label, sink);
}

void FilePicker::pull(const std::optional<std::string>& cursor, const sdk::RowSink& sink,
                      FileReader& reader) const {
  check();
  ProcessedFiles processed = cursor && !cursor->empty() ? ProcessedFiles::parse(*cursor, format_)
                                                        : ProcessedFiles(format_);
  size_t read = 0;
  size_t skipped = 0;
  for (const FoundFile& found :
       scanDirectory(settings_.directory, settings_.pattern, settings_.recursive)) {
    const int fd = open(found);
    if (fd < 0) continue;
    HashingFile file(fd, found.relative);
    if (tooYoung(fd, settings_.minFileAge)) continue;
    const std::optional<FileDone> done =
        readKnown(file, found.relative, processed.find(found.relative), reader, sink);
    if (!done) {
      ++skipped;
      continue;
    }
    if (!done->finished) return;
    // The reader went to the end it saw: the entry covers exactly those bytes, so that a file
    // that grew meanwhile is read on from there next time. One that shrank is read again.
    if (file.sizeNow() < file.bytesRead())
      throw sdk::RetryLater("file '" + found.relative +
                            "' changed while it was read; it is read again on the next run");
    processed.record(found.relative, file.bytesRead(), file.digestSoFar(), done->resume);
    sink.cursor(processed.serialise());
    context_.info(prefix_ + "file '" + found.relative + "': " + done->summary);
    ++read;
  }
  context_.info(prefix_ + "read " + std::to_string(read) + " file(s), skipped " +
                std::to_string(skipped) + " already processed");
}

}  // namespace brobyg::files
