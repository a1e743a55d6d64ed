// Byte-level text helpers for the file sources: trimming, case folding, encodings.
#pragma once

#include <string>
#include <string_view>

namespace brobyg::files {

// Removes leading and trailing spaces and tabs.
std::string_view trim(std::string_view text);

// True when every byte is below 0x80 (the common case, checked before any conversion).
bool isAscii(std::string_view text);

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates, <= U+10FFFF).
bool isValidUtf8(std::string_view text);

// Appends the UTF-8 form of Windows-1252 `text` to `out`. Bytes 0x81, 0x8D, 0x8F, 0x90 and
// 0x9D, undefined in Windows-1252, become the C1 control of the same number (as WHATWG).
void appendWindows1252AsUtf8(std::string_view text, std::string& out);

// Appends `utf8` folded for case-insensitive matching: ASCII A-Z and the Latin-1 capitals
// (U+00C0-U+00DE: Æ Ø Å É Ü ...) become lower case; everything else is copied.
void appendFolded(std::string_view utf8, std::string& out);

inline std::string folded(std::string_view utf8) {
  std::string out;
  appendFolded(utf8, out);
  return out;
}

}  // namespace brobyg::files
