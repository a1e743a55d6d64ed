#pragma once

#include <string_view>

namespace brobyg::package {

// Hand-written matchers for the manifest's and package id's simple patterns. std::regex
// recurses once per character and overflows the stack on long outside input (a
// 100,000-digit schemaVersion crashed `brobyg open`); these loops are linear and allocate
// nothing.

// Whether `text` has exactly the shape of `pattern`, where '9' stands for a decimal digit,
// 'h' for a lowercase hex digit and any other character for itself.
// matchesShape("2024-06-01", "9999-99-99") is true.
bool matchesShape(std::string_view text, std::string_view pattern);

// The character classes of the patterns in schemas/manifest.xsd.
bool isAsciiDigit(char c);
bool isAsciiAlnum(char c);

// Whether `text` is 1 to `maxLength` characters, the first passing `first`, the rest `rest`:
// the shape of the XSD's `[first][rest]{0,maxLength-1}`.
template <typename First, typename Rest>
bool isToken(std::string_view text, std::size_t maxLength, First first, Rest rest) {
  if (text.empty() || text.size() > maxLength || !first(text.front())) return false;
  for (std::size_t i = 1; i < text.size(); ++i)
    if (!rest(text[i])) return false;
  return true;
}

}  // namespace brobyg::package
