#pragma once

#include <string>

#include "pipeline/JobRunner.h"

namespace brobyg::pipeline {

// One line for logs and terminals, no personal data:
// job=J status=S read=N rejected=N written=N duplicates=N package=ID|- [delivery=STATE]
std::string summaryLine(const std::string& job, const RunResult& result);

}  // namespace brobyg::pipeline
