#pragma once

#include <optional>
#include <string_view>

namespace brobyg {

// The kommunekode in its canonical 3-digit form ("101"). Registers often print it with 4
// digits and a leading zero ("0101"); both forms are accepted so that every source and
// every municipality write the same code, and links hold. Empty for anything else.
inline std::optional<std::string_view> canonicalMunicipality(std::string_view code) {
  for (char c : code)
    if (c < '0' || c > '9') return std::nullopt;
  if (code.size() == 4 && code[0] == '0') code.remove_prefix(1);
  if (code.size() != 3) return std::nullopt;
  return code;
}

}  // namespace brobyg
