#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace brobyg::pipeline {

class DatasetOutput;

// Sees every row the derive stage writes, after the normaliser and before the job's
// generalisation: how a derived dataset (stages/Summarise) learns its inputs without a
// second pass over the files. `ordinal` is the row's place in its dataset's output, which the
// deduplicate stage's flags refer to.
class RowTap {
 public:
  virtual ~RowTap() = default;
  virtual void written(const DatasetOutput& output, const std::vector<std::string_view>& columns,
                       std::uint64_t ordinal) = 0;
};

}  // namespace brobyg::pipeline
