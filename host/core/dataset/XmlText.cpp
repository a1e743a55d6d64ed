#include "dataset/XmlText.h"

#include <array>
#include <cstdint>
#include <cstring>

#include "dataset/Utf8.h"

namespace brobyg::dataset {

namespace {
// 1 for every byte that is not copied as it is: markup characters, controls, non-ASCII.
constexpr std::array<unsigned char, 256> makeSpecial() {
  std::array<unsigned char, 256> t{};
  for (int c = 0; c < 256; ++c)
    t[c] = (c < 0x20 || c >= 0x80 || c == '&' || c == '<' || c == '>' || c == '"') ? 1 : 0;
  return t;
}
constexpr std::array<unsigned char, 256> kSpecial = makeSpecial();

// SWAR test of 8 bytes at once: is any of them a byte kSpecial marks?
constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kHighs = 0x8080808080808080ull;
constexpr std::uint64_t hasZero(std::uint64_t v) {
  return (v - kOnes) & ~v & kHighs;
}
constexpr std::uint64_t hasByte(std::uint64_t x, unsigned char b) {
  return hasZero(x ^ (kOnes * b));
}
inline bool anySpecial(std::uint64_t x) {
  const std::uint64_t below20 = (x - kOnes * 0x20) & ~x & kHighs;
  return ((x & kHighs) | below20 | hasByte(x, '&') | hasByte(x, '<') | hasByte(x, '>') |
          hasByte(x, '"')) != 0;
}

char* put(char* o, std::string_view s) {
  std::memcpy(o, s.data(), s.size());
  return o + s.size();
}
}  // namespace

std::size_t escapeXmlText(std::string_view text, char* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  char* o = out;
  while (p < end) {
    // Eight plain bytes at a time (the output has room: escapes grow, never shrink, text).
    std::uint64_t word;
    while (end - p >= 8) {
      std::memcpy(&word, p, 8);
      if (anySpecial(word)) break;
      std::memcpy(o, &word, 8);
      p += 8;
      o += 8;
    }
    while (p < end && kSpecial[*p] == 0) *o++ = static_cast<char>(*p++);
    if (p == end) break;
    switch (*p) {
      case '&':
        o = put(o, "&amp;");
        break;
      case '<':
        o = put(o, "&lt;");
        break;
      case '>':
        o = put(o, "&gt;");
        break;
      case '"':
        o = put(o, "&quot;");
        break;
      case '\r':
        o = put(o, "&#13;");
        break;
      case '\t':
      case '\n':
        *o++ = static_cast<char>(*p);
        break;
      default: {
        char32_t cp;
        std::size_t len = decodeUtf8(p, end, cp);
        if (len == 0 || !isXmlChar(cp)) return kXmlIllegal;
        std::memcpy(o, p, len);
        o += len;
        p += len;
        continue;
      }
    }
    ++p;
  }
  return static_cast<std::size_t>(o - out);
}

}  // namespace brobyg::dataset
