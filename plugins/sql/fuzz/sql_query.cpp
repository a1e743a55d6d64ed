// libFuzzer target: the query rewriter (named parameters to placeholders) on any text. It
// either refuses the text or keeps everything but the parameters: as many placeholders as
// parameters, and the text without them is unchanged.
#include "QueryText.h"

#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string query(reinterpret_cast<const char*>(data), size);
  for (auto style : {brobyg::sql::Placeholders::Question, brobyg::sql::Placeholders::Dollar}) {
    try {
      const auto prepared = brobyg::sql::prepareQuery(query, style, {"watermark", "key"});
      std::size_t names = 0;
      for (const auto& p : prepared.params) names += p.size() + 1;
      if (prepared.text.size() + names < query.size()) std::abort();
    } catch (const std::invalid_argument&) {
    }
  }
  return 0;
}
