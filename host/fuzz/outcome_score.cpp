// Fuzz target: the school_outcome score and school-year readers (dataset/Outcomes.cpp), which
// read values from school systems' result exports. A score accepted on a scale must come back
// as that scale writes it (a listed value, or a number within low..high); nothing may crash or
// write past the score buffer.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "dataset/Outcomes.h"

namespace {
void require(bool ok) {
  if (!ok) std::abort();
}

bool onScale(const brobyg::dataset::OutcomeScale& scale, std::string_view value) {
  if (!scale.values.empty()) {
    for (const std::string& listed : scale.values)
      if (value == listed) return true;
    return false;
  }
  const std::string text(value);
  char* end = nullptr;
  const double number = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && number >= scale.low && number <= scale.high;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace brobyg::dataset;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const OutcomeScale& scale : outcomeScales()) {
    ScoreBuffer buffer{};
    std::string_view normalised;
    if (checkScore(scale, text, buffer, normalised)) require(onScale(scale, normalised));
  }
  const int year = schoolYearStart(text);
  require(year >= -1 && year <= 9999);
  return 0;
}
