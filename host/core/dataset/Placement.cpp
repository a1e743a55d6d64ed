#include "dataset/Placement.h"

#include "dataset/CodeLists.h"

namespace brobyg::dataset {
namespace {

// Folds ASCII letters and the capitals Æ Ø Å (UTF-8) to lower case, one character at a time.
std::size_t folded(std::string_view s, std::size_t i, char (&out)[2]) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c >= 'A' && c <= 'Z') {
    out[0] = static_cast<char>(c - 'A' + 'a');
    return 1;
  }
  if (c == 0xC3 && i + 1 < s.size()) {
    unsigned char d = static_cast<unsigned char>(s[i + 1]);
    if (d == 0x86 || d == 0x98 || d == 0x85) d = static_cast<unsigned char>(d + 0x20);
    out[0] = static_cast<char>(c);
    out[1] = static_cast<char>(d);
    return 2;
  }
  out[0] = static_cast<char>(c);
  return 1;
}

bool sameFolded(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    char x[2] = {}, y[2] = {};
    std::size_t n = folded(a, i, x), m = folded(b, j, y);
    if (n != m || x[0] != y[0] || x[1] != y[1]) return false;
    i += n;
    j += m;
  }
  return i == a.size() && j == b.size();
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string_view harmonisePlacement(std::string_view recorded) {
  recorded = trim(recorded);
  if (recorded.empty()) return {};
  static const CodeList& types = codeList("placement_type");  // looked up once, not per row
  for (const Code& code : types.codes) {
    for (const std::string& official : code.official)
      if (official == recorded) return code.value;
    for (const std::string& word : code.recorded)
      if (sameFolded(word, recorded)) return code.value;
  }
  return {};
}

}  // namespace brobyg::dataset
