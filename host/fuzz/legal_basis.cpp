// Fuzz target: the legal-basis reader and the placement harmoniser (dataset/LegalBasis.cpp,
// Placement.cpp), which read case systems' free text. Whatever is recognised must be a
// normalised basis of the form LAW-N[-N[-N]] with a crosswalk kind; nothing may crash or read
// past the text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "dataset/CodeLists.h"
#include "dataset/LegalBasis.h"
#include "dataset/Placement.h"

namespace {
void require(bool ok) {
  if (!ok) std::abort();
}

bool normalisedShape(std::string_view code) {
  if (code.rfind("BL-", 0) == 0) {
    code.remove_prefix(3);
  } else if (code.rfind("SEL-", 0) == 0) {
    code.remove_prefix(4);
  } else {
    return false;
  }
  int parts = 0;
  std::size_t digits = 0;
  for (char c : code) {
    if (c == '-') {
      if (digits == 0) return false;
      ++parts;
      digits = 0;
    } else if (c >= '0' && c <= '9' && ++digits <= 3) {
    } else {
      return false;
    }
  }
  return digits > 0 && parts <= 2;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace brobyg::dataset;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  LegalBasisText parsed;
  if (parseLegalBasis(text, parsed)) require(parsed.paragraph > 0 && parsed.paragraph < 1000);
  LegalBasisResult result;
  if (classifyLegalBasis(text, result)) {
    require(normalisedShape(result.normalised()));
    require(codeList("case_kind").find(result.kind) != nullptr ||
            codeList("case_event_kind").find(result.kind) != nullptr);
  } else {
    require(result.kind.empty() && result.codeSize == 0);
  }
  std::string_view placement = harmonisePlacement(text);
  require(placement.empty() || codeList("placement_type").find(placement) != nullptr);
  return 0;
}
