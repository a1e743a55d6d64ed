// libFuzzer target: the cursor decoder reads whatever the state database hands back. Any
// input either fails to parse or parses into a cursor that serialises back to the same bytes.
#include "SqlCursor.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto cursor = brobyg::sql::SqlCursor::parse(text);
  if (cursor && cursor->serialise() != text) std::abort();
  return 0;
}
