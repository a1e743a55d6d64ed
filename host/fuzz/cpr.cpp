// Fuzz target: the CPR parser and normaliser (pseudo/Cpr.cpp). Whatever it accepts must be a
// real, past date with ten digits, and the log mask must hide it (a value the pipeline treats
// as a CPR number never reaches a log in clear).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "pseudo/Cpr.h"
#include "util/IdentifierMask.h"

namespace {
void require(bool ok) {
  if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace brobyg::pseudo;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const Date today{2026, 12, 1};
  CprResult r = parseCpr(text, today);
  std::string_view reason = describe(r.problem);
  require(!reason.empty());
  if (!r.ok()) return 0;
  const Cpr& cpr = r.cpr;
  for (char c : cpr.text()) require(c >= '0' && c <= '9');
  require(isValidDate(cpr.year, cpr.month, cpr.day) && cpr.birthDate() <= today);
  require(cpr.year >= 1858 && cpr.year <= 2057);
  require(birthYearMonth(cpr).size() == 7);
  auto age = ageOn(cpr, today);
  require(age.has_value() && *age >= 0 && *age <= 200);
  require(brobyg::containsIdentifier(text));
  // Only blanks surround an accepted number, so no digit may survive the mask.
  for (char c : brobyg::maskIdentifiers(text)) require(c < '0' || c > '9');
  return 0;
}
