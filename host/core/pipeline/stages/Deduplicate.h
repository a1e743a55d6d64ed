#pragma once

#include <cstdint>

#include "pipeline/stages/Write.h"
#include "state/RowDigestStore.h"
#include "state/StateStore.h"

namespace brobyg::pipeline {

// The deduplicate stage, after the last row and the finished dataset files: per dataset, the
// row digests decide which rows an earlier run delivered, or this run wrote before
// (RowDigestStore::resolve, which also makes the next digest generation durable); those rows
// leave the dataset files, the dataset's count and period follow, and the run summary counts
// them as duplicates instead of written. Returns how many rows it dropped.
// Counts after it: read = written + rejected + duplicates.
std::uint64_t deduplicate(DatasetOutputs& outputs, state::RowDigestStore& digests,
                          state::RunSummary& summary);

}  // namespace brobyg::pipeline
