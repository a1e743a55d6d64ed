#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace brobyg::pseudo {

// Characters of unpadded RFC 4648 base32 for `size` bytes.
constexpr std::size_t base32Length(std::size_t size) {
  return (size * 8 + 4) / 5;
}

// Lowercase RFC 4648 base32 without '=' padding, written to `out` (base32Length(size)
// characters, no terminator). Lowercase because pseudonyms are compared and typed by people.
void encodeBase32(const unsigned char* data, std::size_t size, char* out);
std::string encodeBase32(const unsigned char* data, std::size_t size);
// The inverse for exactly `size` bytes: false unless `text` is base32Length(size) characters
// of the lowercase alphabet whose unused trailing bits are zero (what encodeBase32 writes).
bool decodeBase32(std::string_view text, unsigned char* out, std::size_t size);

}  // namespace brobyg::pseudo
