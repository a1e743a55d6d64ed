#include "dataset/RowRule.h"

#include <algorithm>

namespace brobyg::dataset {

std::string_view RuleRow::keep(std::string_view text) {
  const std::size_t n = std::min(text.size(), scratch_.size() - scratchUsed_);
  char* at = scratch_.data() + scratchUsed_;
  std::copy_n(text.data(), n, at);
  scratchUsed_ += n;
  return {at, n};
}

}  // namespace brobyg::dataset
