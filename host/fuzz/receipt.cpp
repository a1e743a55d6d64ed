// Fuzz target: the receipt XML parser (receipt::parseXml), the part of a receipt a sending host
// reads after the signature checked out. A refusal must be a brobyg::Error; anything accepted
// must write back to XML that parses to the same receipt.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "receipt/Receipt.h"
#include "util/Error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view xml(reinterpret_cast<const char*>(data), size);
  try {
    const brobyg::receipt::Receipt r = brobyg::receipt::parseXml(xml, "fuzz");
    const brobyg::receipt::Receipt back =
        brobyg::receipt::parseXml(brobyg::receipt::toXml(r), "again");
    if (back.packageId != r.packageId || back.sha256 != r.sha256 || back.bytes != r.bytes ||
        back.receivedAt != r.receivedAt || back.receiverId != r.receiverId)
      std::abort();
  } catch (const brobyg::Error&) {
  }
  return 0;
}
