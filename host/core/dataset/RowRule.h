#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace brobyg::dataset {

// The row a rule sees: the checked, trimmed input values and the output columns, addressed
// through the rule's own slots (RowRule::inputs and RowRule::outputs, resolved to indexes once
// when the spec is built), so that a rule looks nothing up by name per row.
class RuleRow {
 public:
  static constexpr std::size_t kScratch = 256;

  explicit RuleRow(std::string_view* inputs) : inputs_(inputs) {}

  // Called by the normaliser: before the rules of a row, and before each rule.
  void beginRow(std::string_view* outputs, int age) {
    outputs_ = outputs;
    age_ = age;
    scratchUsed_ = 0;
  }
  void bind(const int* inputSlots, const int* outputSlots, std::uint64_t* counters) {
    inputSlots_ = inputSlots;
    outputSlots_ = outputSlots;
    counters_ = counters;
  }

  // The rule's `slot`-th input field (RowRule::inputs).
  std::string_view in(std::size_t slot) const { return inputs_[inputSlots_[slot]]; }
  // Replaces it (a default); output columns of origin Input see the new value.
  void setIn(std::size_t slot, std::string_view value) { inputs_[inputSlots_[slot]] = value; }
  // Sets the rule's `slot`-th output column (RowRule::outputs, origin Rule).
  void setOut(std::size_t slot, std::string_view value) { outputs_[outputSlots_[slot]] = value; }
  // The person's age on the spec's age date, or -1 when the spec derives none.
  int age() const { return age_; }
  // Adds one to the rule's `slot`-th counter (RowRule::counters), summed over the run.
  void count(std::size_t slot) { ++counters_[slot]; }
  // Keeps `text` until the next row (fixed room: longer text is cut).
  std::string_view keep(std::string_view text);

 private:
  std::string_view* inputs_;
  std::string_view* outputs_ = nullptr;
  const int* inputSlots_ = nullptr;
  const int* outputSlots_ = nullptr;
  int age_ = -1;
  std::uint64_t* counters_ = nullptr;
  std::array<char, kScratch> scratch_{};
  std::size_t scratchUsed_ = 0;
};

// A cross-field check of one row, and the only code a new dataset may need. Returns nullptr
// when the row passes, else the reason it is rejected: static text that names fields, never
// values.
using RuleCheck = const char* (*)(RuleRow& row);

struct RowRule {
  std::string name;                   // e.g. "unit_and_lesson"
  std::vector<std::string> inputs;    // input fields the rule reads or defaults, by slot
  std::vector<std::string> outputs;   // output columns (origin Rule) it sets, by slot
  std::vector<std::string> counters;  // per-run counts it keeps (e.g. "legal_basis_unknown")
  RuleCheck check = nullptr;
  // Filled in by DatasetSpec: the slots as indexes.
  std::vector<int> inputIndex;
  std::vector<int> outputIndex;
};

}  // namespace brobyg::dataset
