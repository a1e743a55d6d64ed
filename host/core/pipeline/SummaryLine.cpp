#include "pipeline/SummaryLine.h"

namespace brobyg::pipeline {

std::string summaryLine(const std::string& job, const RunResult& result) {
  const state::RunSummary& s = result.summary;
  std::string line = "job=" + job + " status=" + s.status + " read=" + std::to_string(s.rowsRead) +
                     " rejected=" + std::to_string(s.rowsRejected) +
                     " written=" + std::to_string(s.rowsWritten) +
                     " duplicates=" + std::to_string(s.rowsDuplicate);
  for (const RunCount& count : result.counts)
    line += " " + count.name + "=" + std::to_string(count.rows);
  line += std::string(" package=") + (s.packageId.empty() ? "-" : s.packageId);
  if (result.staged()) line += std::string(" delivery=") + state::toString(result.delivery);
  return line;
}

}  // namespace brobyg::pipeline
