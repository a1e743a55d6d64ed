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

bool decodeBase32(std::string_view text, unsigned char* out, std::size_t size) {
  if (text.size() != base32Length(size)) return false;
  unsigned buffer = 0;
  int bits = 0;
  std::size_t written = 0;
  for (char c : text) {
    unsigned value;
    if (c >= 'a' && c <= 'z')
      value = static_cast<unsigned>(c - 'a');
    else if (c >= '2' && c <= '7')
      value = static_cast<unsigned>(c - '2') + 26;
    else
      return false;
    buffer = ((buffer << 5) | value) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[written++] = static_cast<unsigned char>(buffer >> bits);
    }
  }
  return written == size && (buffer & ((1u << bits) - 1)) == 0;
}

}  // namespace brobyg::pseudo
