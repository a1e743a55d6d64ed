// The csv plugin's cursor: which files were read completely, by path, size and SHA-256.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace brobyg::csv {

// Cursor text: a version line "brobyg-csv-cursor 1", then one line per file:
// "<sha256 hex>\t<size>\t<relative path>", path with \\, \t and \n escaped, sorted by path.
// One entry per path: a file rewritten under the same name replaces its old entry.
class ProcessedFiles {
 public:
  struct Entry {
    std::uint64_t size = 0;
    std::string sha256;
  };

  ProcessedFiles() = default;
  // Throws sdk::Error when the text is not a cursor this plugin wrote.
  static ProcessedFiles parse(std::string_view cursor);
  std::string serialise() const;

  const Entry* find(const std::string& path) const;
  void record(const std::string& path, std::uint64_t size, std::string sha256);
  size_t size() const { return entries_.size(); }

 private:
  std::map<std::string, Entry> entries_;
};

}  // namespace brobyg::csv
