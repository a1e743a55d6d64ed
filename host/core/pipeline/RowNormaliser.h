#pragma once

#include <brobyg_plugin.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dataset/DatasetSpec.h"
#include "pseudo/Date.h"
#include "pseudo/Pseudonymiser.h"

namespace brobyg::pipeline {

// Turns a source's row (DatasetSpec inputs) into a row of the standardised dataset
// (DatasetSpec outputs): checks every value, replaces the CPR number with the project's
// pseudonym and derives birth month, sex and age. A row that fails any check is rejected
// with a reason naming the field, never its value. Hot path: no allocation per row.
class RowNormaliser {
 public:
  virtual ~RowNormaliser() = default;

  // On success `out` holds one view per output column, valid until the next call.
  // On failure returns false and sets `reason`.
  virtual bool normalise(const brobyg_str* values, std::size_t count, std::string_view sourceId,
                         std::vector<std::string_view>& out, std::string& reason) = 0;

  // The normaliser for `spec`, pseudonymising with `pseudonymiser`; `today` bounds birth dates.
  static std::unique_ptr<RowNormaliser> forDataset(const dataset::DatasetSpec& spec,
                                                   pseudo::Pseudonymiser& pseudonymiser,
                                                   const pseudo::Date& today);
};

}  // namespace brobyg::pipeline
