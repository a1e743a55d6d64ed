#pragma once

#include <cstddef>

namespace brobyg::dataset {

// Decodes the UTF-8 sequence that starts at `p` (p < end). Returns its length in bytes and the
// code point in `cp`, or 0 when the bytes are not well-formed UTF-8 (truncated, overlong,
// surrogate, or beyond U+10FFFF): a dataset file must be UTF-8 whatever a source delivered.
std::size_t decodeUtf8(const unsigned char* p, const unsigned char* end, char32_t& cp);

// A character XML 1.0 allows in a document (the Char production of XML 1.0, §2.2).
constexpr bool isXmlChar(char32_t cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
         (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

}  // namespace brobyg::dataset
