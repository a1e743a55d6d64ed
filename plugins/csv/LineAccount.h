// Where each physical line of an export file went. The csv plugin's invariant: for a file read
// to its end, header + delivered + quarantined + skipped equals the file's physical lines, so
// that no line is ever silently lost (the finding of issue 10: a stray quote swallowed
// 194,000 rows).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace brobyg::csv {

struct LineAccount {
  std::uint64_t header = 0;       // the header row (more than one line if it has quoted breaks)
  std::uint64_t delivered = 0;    // lines of rows the host accepted
  std::uint64_t quarantined = 0;  // lines of rows handed to the quarantine
  std::uint64_t skipped = 0;      // skip_lines and blank lines

  std::uint64_t total() const { return header + delivered + quarantined + skipped; }
  // "12 lines: 1 header, 9 delivered, 1 quarantined, 1 skipped", for the log.
  std::string summary() const {
    return std::to_string(total()) + " lines: " + std::to_string(header) + " header, " +
           std::to_string(delivered) + " delivered, " + std::to_string(quarantined) +
           " quarantined, " + std::to_string(skipped) + " skipped";
  }
};

// Physical lines of a file's bytes: its line ends, plus a last line that has none.
inline std::uint64_t countPhysicalLines(std::string_view bytes) {
  std::uint64_t lines = 0;
  for (char c : bytes) lines += c == '\n' ? 1 : 0;
  if (!bytes.empty() && bytes.back() != '\n') ++lines;
  return lines;
}

}  // namespace brobyg::csv
