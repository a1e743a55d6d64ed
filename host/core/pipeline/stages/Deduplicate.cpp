#include "pipeline/stages/Deduplicate.h"

#include "util/CrashPoint.h"

namespace brobyg::pipeline {

std::uint64_t deduplicate(DatasetOutputs& outputs, state::RowDigestStore& digests,
                          state::RunSummary& summary) {
  std::uint64_t duplicates = 0;
  outputs.forEach([&](DatasetOutput& output) {
    const state::Deduplication decided = digests.resolve(output.spec().name());
    output.drop(decided);
    duplicates += decided.duplicates;
  });
  crashPoint("digests-written");
  summary.rowsWritten -= duplicates;
  summary.rowsDuplicate += duplicates;
  return duplicates;
}

}  // namespace brobyg::pipeline
