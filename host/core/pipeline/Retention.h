#pragma once

#include <cstdint>

#include "config/Config.h"
#include "state/StateStore.h"

namespace brobyg::pipeline {

struct RetentionReport {
  int quarantineFiles = 0;  // removed
  int packageFiles = 0;     // removed
};

// Data minimisation: removes quarantine files (rejected rows, CPR numbers in clear) older than
// the configured retention, and the stored files of packages delivered longer ago than theirs.
// Outbox records, receipts and the disclosure register stay. Partial quarantine files of
// running jobs are never touched.
RetentionReport applyRetention(const config::Config& config, state::StateStore& store,
                               std::int64_t now);

}  // namespace brobyg::pipeline
