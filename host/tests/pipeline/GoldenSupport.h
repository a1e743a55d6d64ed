#pragma once

#include <string>
#include <vector>

#include "dataset/DatasetSpec.h"
#include "pseudo/Date.h"

namespace brobyg::test {

// What a golden run produced: the dataset as CSV and XML, and one line per rejected input line
// ("line N: reason"), and the normaliser's per-run counts.
struct GoldenOutput {
  std::string csv;
  std::string xml;
  std::string rejected;
  std::string counts;  // "name: rows" per count of the normaliser (RowNormaliser::counts)
};

// Runs a CSV file (comma, LF, header, RFC 4180 quotes) through the spec's normaliser and both
// writers. `columns` names, for each input field of the spec in order, the header column that
// feeds it ("" for none). The project key is all zero bytes, the project id "golden".
GoldenOutput runGolden(const dataset::DatasetSpec& spec, const std::string& inputPath,
                       const std::vector<std::string>& columns, const pseudo::Date& today,
                       const std::string& workDir);

// Compares `actual` with the file `path`; with BROBYG_UPDATE_GOLDEN=1 in the environment it
// writes the file instead (and the comparison passes). Returns "" when equal, else a message.
std::string compareGolden(const std::string& path, const std::string& actual);

}  // namespace brobyg::test
