#pragma once

#include <cstddef>
#include <string>

namespace brobyg::pseudo {

// Characters of unpadded RFC 4648 base32 for `size` bytes.
constexpr std::size_t base32Length(std::size_t size) {
  return (size * 8 + 4) / 5;
}

// Lowercase RFC 4648 base32 without '=' padding, written to `out` (base32Length(size)
// characters, no terminator). Lowercase because pseudonyms are compared and typed by people.
void encodeBase32(const unsigned char* data, std::size_t size, char* out);
std::string encodeBase32(const unsigned char* data, std::size_t size);

}  // namespace brobyg::pseudo
