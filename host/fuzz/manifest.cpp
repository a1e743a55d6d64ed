// Fuzz target: the manifest parser (package/Manifest.cpp) on arbitrary bytes, as `brobyg open`
// meets them inside a signed package. A manifest that parses must serialise and parse back to
// the same fields (so that what the opener checked is what a producer could have written).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "package/Manifest.h"
#include "util/Error.h"

namespace {
void check(bool ok) {
  if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace brobyg::package;
  Manifest m;
  try {
    m = parseManifest(std::string(reinterpret_cast<const char*>(data), size));
  } catch (const brobyg::Error&) {
    return 0;
  }
  Manifest again = parseManifest(toXml(m));
  check(again.packageId == m.packageId && again.created == m.created);
  check(again.producerName == m.producerName && again.agreementId == m.agreementId);
  check(again.periodFrom == m.periodFrom && again.periodTo == m.periodTo);
  check(again.files.size() == m.files.size() && again.codebooks.size() == m.codebooks.size() &&
        again.reports.size() == m.reports.size());
  for (std::size_t i = 0; i < m.files.size(); ++i) {
    check(again.files[i].fileName == m.files[i].fileName);
    check(again.files[i].schemaVersion == m.files[i].schemaVersion);
    check(again.files[i].rows == m.files[i].rows && again.files[i].bytes == m.files[i].bytes);
  }
  return 0;
}
