// RFC 4180 serialisation for test expectations (golden files). Header-only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace brobyg::testing {

// Appends one field, quoted when it holds the delimiter, a quote or a line break.
inline void appendCsvField(std::string& out, std::string_view value, char delimiter = ',') {
  if (value.find_first_of(std::string{delimiter, '"', '\r', '\n'}) == std::string_view::npos) {
    out.append(value);
    return;
  }
  out.push_back('"');
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

// One record followed by "\n" (LF rather than CRLF keeps golden files diff-friendly).
inline std::string csvLine(const std::vector<std::string>& values, char delimiter = ',') {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out.push_back(delimiter);
    appendCsvField(out, values[i], delimiter);
  }
  out.push_back('\n');
  return out;
}

}  // namespace brobyg::testing
