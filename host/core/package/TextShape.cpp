#include "package/TextShape.h"

namespace brobyg::package {

bool isAsciiDigit(char c) {
  return c >= '0' && c <= '9';
}

bool isAsciiAlnum(char c) {
  return isAsciiDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool matchesShape(std::string_view text, std::string_view pattern) {
  if (text.size() != pattern.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (pattern[i]) {
      case '9':
        if (!isAsciiDigit(c)) return false;
        break;
      case 'h':
        if (!isAsciiDigit(c) && !(c >= 'a' && c <= 'f')) return false;
        break;
      default:
        if (c != pattern[i]) return false;
    }
  }
  return true;
}

}  // namespace brobyg::package
