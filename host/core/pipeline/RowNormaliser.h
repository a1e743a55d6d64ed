#pragma once

#include <brobyg_plugin.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dataset/DatasetSpec.h"
#include "pseudo/Date.h"
#include "pseudo/Pseudonymiser.h"

namespace brobyg::pipeline {

// A per-run count a dataset's rules keep, e.g. case_measure's "legal_basis_unrecognised":
// rows kept whose legal basis text matched nothing (kind unknown).
struct RunCount {
  std::string name;
  std::uint64_t rows = 0;
};

// Turns a source's row (DatasetSpec inputs) into a row of the standardised dataset
// (DatasetSpec outputs), driven by the spec alone: checks every value by its field kind,
// replaces the CPR number with the project's pseudonym, derives birth month, sex and age, and
// runs the spec's row rules. A row that fails any check is rejected with a reason naming the
// field, never its value. Hot path: no allocation per row.
class RowNormaliser {
 public:
  virtual ~RowNormaliser() = default;

  // On success `out` holds one view per output column, valid until the next call.
  // On failure returns false and sets `reason`.
  virtual bool normalise(const brobyg_str* values, std::size_t count, std::string_view sourceId,
                         std::vector<std::string_view>& out, std::string& reason) = 0;

  // A hint that `values` (a row) comes a few rows later: its person's pseudonym is looked up
  // ahead of time (PseudonymCache::prefetch). Nothing is checked or kept.
  virtual void prefetch(const brobyg_str* values, std::size_t count) const = 0;

  // The counts of the spec's rules over every row this normaliser saw (empty when it keeps
  // none), for the run summary.
  virtual std::vector<RunCount> counts() const = 0;

  // The normaliser for `spec`, pseudonymising with `pseudonymiser`; `today` bounds birth dates.
  static std::unique_ptr<RowNormaliser> forDataset(const dataset::DatasetSpec& spec,
                                                   pseudo::Pseudonymiser& pseudonymiser,
                                                   const pseudo::Date& today);
};

}  // namespace brobyg::pipeline
