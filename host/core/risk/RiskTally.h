#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "dataset/DatasetSpec.h"
#include "risk/KeyTable.h"
#include "risk/RiskReport.h"

namespace brobyg::risk {

// Counts a dataset's rows by equivalence class on its quasi-identifiers while they are
// written. Each row leaves 12 bytes in a spill file (its class and a 64-bit hash of its
// pseudonym), so that the classes can be measured after the deduplicate stage has dropped
// rows, without holding a row in memory. Memory: the distinct classes, and at measuring time
// the distinct (class, person) pairs.
class RiskTally {
 public:
  RiskTally(const dataset::DatasetSpec& spec, std::string spillPath);
  ~RiskTally();
  RiskTally(const RiskTally&) = delete;
  RiskTally& operator=(const RiskTally&) = delete;

  // One value per output column of the spec, as written.
  void add(const std::string_view* columns);
  // After the last row: the spill file complete. Throws brobyg::Error if it cannot be written.
  void finish();
  // The dataset's figures over the rows not `dropped` (by ordinal; empty: none dropped), as
  // shipped under `shipped` and under each further generalisation.
  DatasetRisk measure(const std::vector<bool>& dropped, unsigned k,
                      const Generalisation& shipped) const;

 private:
  const dataset::DatasetSpec& spec_;
  std::vector<std::size_t> columns_;  // the quasi-identifiers' output indices
  std::size_t person_ = 0;
  std::string spillPath_;
  std::FILE* spill_ = nullptr;
  KeyTable classes_;  // the classes met so far, each key its values followed by 0x1f
  // Class `cls`'s values, as split from its key.
  std::vector<std::string_view> valuesOf(std::size_t cls) const;
  void flush();

  std::string key_;
  std::vector<std::string> lastValues_;  // the previous row's quasi-identifiers
  std::uint32_t lastClass_ = 0;
  bool haveLast_ = false;
  std::string lastPerson_;
  std::uint64_t lastPersonHash_ = 0;
  std::vector<char> buffer_;  // spill entries not yet written (fwrite per row costs its lock)
};

}  // namespace brobyg::risk
