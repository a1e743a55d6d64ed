#include "pseudo/Base32.h"

namespace brobyg::pseudo {

void encodeBase32(const unsigned char* data, std::size_t size, char* out) {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
  unsigned buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < size; ++i) {
    buffer = (buffer << 8) | data[i];
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      *out++ = kAlphabet[(buffer >> bits) & 0x1f];
    }
  }
  if (bits > 0) *out++ = kAlphabet[(buffer << (5 - bits)) & 0x1f];
}

std::string encodeBase32(const unsigned char* data, std::size_t size) {
  std::string out(base32Length(size), '\0');
  encodeBase32(data, size, out.data());
  return out;
}

}  // namespace brobyg::pseudo
