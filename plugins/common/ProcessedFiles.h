// A file source's cursor: which files were read completely, by path, size and SHA-256, and
// where reading stopped, so that a file that only grew is read on from there.
#pragma once

#include "ReadPosition.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace brobyg::files {

// The version lines of one plugin's cursor. Each plugin has its own, so that a cursor is
// never read by the wrong plugin.
struct CursorFormat {
  std::string_view plugin;       // names the cursor in errors: "csv"
  std::string_view versionLine;  // "brobyg-csv-cursor 2"
  // An older version without the resume columns that is still read; empty when none.
  std::string_view legacyVersionLine;
};

// Cursor text: the version line, then one line per file:
// "<sha256 hex>\t<size>\t<resume offset>\t<resume line>\t<relative path>", path with \\, \t
// and \n escaped, sorted by path ("0\t1" when there is no resume point). Legacy cursors (no
// resume columns) are still read; their files have no resume point. One entry per path: a
// rewritten file replaces its old entry.
class ProcessedFiles {
 public:
  using Resume = ReadPosition;  // where the last read of the file stopped
  struct Entry {
    std::uint64_t size = 0;
    std::string sha256;  // of the first `size` bytes
    std::optional<Resume> resume;
  };

  explicit ProcessedFiles(const CursorFormat& format) : format_(format) {}
  // Throws sdk::Error when the text is not a cursor of this format.
  static ProcessedFiles parse(std::string_view cursor, const CursorFormat& format);
  std::string serialise() const;

  const Entry* find(const std::string& path) const;
  void record(const std::string& path, std::uint64_t size, std::string sha256,
              std::optional<Resume> resume);
  size_t size() const { return entries_.size(); }

 private:
  static ProcessedFiles parseLines(std::string_view cursor, const CursorFormat& format);

  CursorFormat format_;
  std::map<std::string, Entry> entries_;
};

}  // namespace brobyg::files
