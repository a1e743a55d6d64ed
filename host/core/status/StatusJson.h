#pragma once

#include <string>

#include "status/StatusModel.h"

namespace brobyg::status {

// The status model as JSON (the admin API and `brobyg status --json`). Text is escaped so
// that the result is also safe inside HTML (<, > and & as \u escapes).
std::string jsonString(const std::string& text);
std::string toJson(const Status& status);
std::string jobsJson(const Status& status);    // GET /jobs: the jobs array
std::string outboxJson(const Status& status);  // GET /outbox: the packages array
std::string runJson(const state::RunRecord& run);
std::string problemsJson(const Problems& problems);

}  // namespace brobyg::status
