// The pull loop of a file-reading source: lists the files, opens each one safely, leaves
// young files for later, skips files the cursor records as read, hands the rest to the
// plugin's reader, and gives the host a new cursor after every finished file.
#pragma once

#include "FileSettings.h"
#include "HashingFile.h"
#include "ProcessedFiles.h"

#include <brobyg_plugin.hpp>

#include <optional>
#include <string>

namespace brobyg::files {

struct FoundFile;

// How the reading of one file ended.
struct FileDone {
  // False when the sink asked to stop: the file is not recorded and is read again next time.
  bool finished = true;
  // Where a later read of the same, grown file may go on; nothing when it must be read whole.
  std::optional<ReadPosition> resume;
  // What became of the file's content, for the log ("12 lines: ..."); names no value.
  std::string summary;
};

// What a plugin does with the bytes of one file. `label` is the file's path relative to the
// configured directory: the origin prefix and the name in errors. A reader throws sdk::Error
// when the file as a whole cannot be read: the pull fails and the file stays unrecorded.
class FileReader {
 public:
  virtual ~FileReader() = default;
  // Reads the file from its start (`file` is at offset 0), rows and rejects to `sink`.
  virtual FileDone readWhole(HashingFile& file, const std::string& label,
                             const sdk::RowSink& sink) = 0;
  // The file grew and its first `known.size` bytes are the ones recorded (`file` is at
  // offset known.size): reads only what is new. Nothing when that cannot be done (then
  // the file is read whole). By default a grown file is read whole.
  virtual std::optional<FileDone> readGrown(HashingFile& file, const std::string& label,
                                            const ProcessedFiles::Entry& known,
                                            const sdk::RowSink& sink);
};

class FilePicker {
 public:
  // `context` (for warnings and the log) must outlive the picker.
  FilePicker(FileSettings settings, CursorFormat format, const sdk::Context& context);

  const FileSettings& settings() const { return settings_; }

  // The directory exists and can be listed; else sdk::Error naming it.
  void check() const;

  // Reads every matching file not in the cursor, in path order: unchanged files are
  // skipped, grown ones go to readGrown, the rest to readWhole. After each finished file the
  // sink gets the new cursor. Throws sdk::RetryLater when a file shrank while it was read.
  void pull(const std::optional<std::string>& cursor, const sdk::RowSink& sink,
            FileReader& reader) const;

 private:
  int open(const FoundFile& found) const;
  std::optional<FileDone> readKnown(HashingFile& file, const std::string& label,
                                    const ProcessedFiles::Entry* known, FileReader& reader,
                                    const sdk::RowSink& sink) const;

  FileSettings settings_;
  CursorFormat format_;
  const sdk::Context& context_;
  std::string prefix_;  // "csv: ", before every log line
};

}  // namespace brobyg::files
