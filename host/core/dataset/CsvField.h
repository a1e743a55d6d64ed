#pragma once

#include <cstddef>
#include <string_view>

namespace brobyg::dataset {

// Bytes encodeCsvField may write for a field of `size` bytes (every byte a doubled quote,
// plus the two enclosing quotes).
constexpr std::size_t csvFieldMaxSize(std::size_t size) {
  return 2 * size + 2;
}

// Writes `field` at `out` as an RFC 4180 field: as it is, or, when it contains the delimiter,
// a double quote, CR or LF, enclosed in double quotes with every double quote doubled.
// Returns the bytes written, or `kInvalidUtf8` when the field is not well-formed UTF-8.
inline constexpr std::size_t kInvalidUtf8 = static_cast<std::size_t>(-1);
std::size_t encodeCsvField(std::string_view field, char delimiter, char* out);

}  // namespace brobyg::dataset
