#include "util/Hex.h"

#include "util/Error.h"

namespace brobyg {

std::string toHex(const unsigned char* data, std::size_t size) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out(size * 2, '\0');
  for (std::size_t i = 0; i < size; ++i) {
    out[2 * i] = digits[data[i] >> 4];
    out[2 * i + 1] = digits[data[i] & 0x0f];
  }
  return out;
}

namespace {
int nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::vector<unsigned char> fromHex(std::string_view hex) {
  if (hex.size() % 2 != 0) throw Error("hexadecimal text has an odd number of digits");
  std::vector<unsigned char> out(hex.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    int hi = nibble(hex[2 * i]);
    int lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) throw Error("hexadecimal text has a character that is not a hex digit");
    out[i] = static_cast<unsigned char>((hi << 4) | lo);
  }
  return out;
}

}  // namespace brobyg
