// The csv plugin's cursor: which files were read completely, by path, size and SHA-256, and
// where reading stopped, so that a file that only grew is read on from there.
#pragma once

#include "CsvReader.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace brobyg::csv {

// Cursor text: a version line "brobyg-csv-cursor 2", then one line per file:
// "<sha256 hex>\t<size>\t<resume offset>\t<resume line>\t<relative path>", path with \\, \t
// and \n escaped, sorted by path. Version 1 cursors (no resume columns) are still read; their
// files have no resume point. One entry per path: a rewritten file replaces its old entry.
class ProcessedFiles {
 public:
  using Resume = ReadPosition;  // where the last read of the file stopped
  struct Entry {
    std::uint64_t size = 0;
    std::string sha256;  // of the first `size` bytes
    std::optional<Resume> resume;
  };

  ProcessedFiles() = default;
  // Throws sdk::Error when the text is not a cursor this plugin wrote.
  static ProcessedFiles parse(std::string_view cursor);
  std::string serialise() const;

  const Entry* find(const std::string& path) const;
  void record(const std::string& path, std::uint64_t size, std::string sha256,
              std::optional<Resume> resume);
  size_t size() const { return entries_.size(); }

 private:
  std::map<std::string, Entry> entries_;
};

}  // namespace brobyg::csv
