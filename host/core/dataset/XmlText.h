#pragma once

#include <cstddef>
#include <string_view>

namespace brobyg::dataset {

// Bytes escapeXmlText may write for `size` bytes of text ("&quot;" is the longest escape).
constexpr std::size_t xmlTextMaxSize(std::size_t size) {
  return 6 * size;
}

// Writes `text` at `out` as XML character data: & < > " escaped, CR written as "&#13;" so
// that a parser's line-end normalisation does not turn it into LF. Returns the bytes written,
// or `kXmlIllegal` when the text is not well-formed UTF-8 or holds a character XML 1.0 forbids
// (such as most C0 controls): the writer refuses the row rather than silently change a value.
inline constexpr std::size_t kXmlIllegal = static_cast<std::size_t>(-1);
std::size_t escapeXmlText(std::string_view text, char* out);

}  // namespace brobyg::dataset
