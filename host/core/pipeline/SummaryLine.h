#pragma once

#include <string>

#include "pipeline/JobRunner.h"

namespace brobyg::pipeline {

// One line for logs and terminals, no personal data:
// job=J status=S read=N rejected=N written=N duplicates=N [<count>=N ...] package=ID|-
// [delivery=STATE], where each <count> is one the datasets' rules keep (RunResult::counts).
std::string summaryLine(const std::string& job, const RunResult& result);

}  // namespace brobyg::pipeline
