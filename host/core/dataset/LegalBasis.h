#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace brobyg::dataset {

// A provision as written in a case system: "§ 52, stk. 3, nr. 7", "SEL 52.3.7",
// "Barnets lov § 46", "BL §32 stk 1 nr 3", "servicelovens § 58", "§ 46 i barnets lov".
struct LegalBasisText {
  char law = 0;  // 'B' Barnets Lov, 'S' Serviceloven, 0 not named
  int paragraph = 0;
  int stk = 0;  // 0: not given
  int nr = 0;   // 0: not given
};

// Reads the text with a hand-written scanner (no regex on outside input). False when the text
// is not one provision of one law in a shape it knows; it never guesses a part that is not
// written. Allocates nothing.
bool parseLegalBasis(std::string_view text, LegalBasisText& out);

// The text classified through the crosswalk of schemas/codelists.xml.
struct LegalBasisResult {
  std::string_view kind;        // the crosswalk row's kind; empty when not recognised
  std::array<char, 32> code{};  // normalised, e.g. "BL-32-1-5", "SEL-52-3-7"
  std::size_t codeSize = 0;
  std::string_view normalised() const { return {code.data(), codeSize}; }
};

// Recognised when the text parses and exactly one kind of crosswalk row can hold it (the law
// taken from the text, or from the only law with such a row when the text names none).
// Otherwise `out` stays empty: kind unknown, no normalised basis. Allocates nothing.
bool classifyLegalBasis(std::string_view text, LegalBasisResult& out);

}  // namespace brobyg::dataset
