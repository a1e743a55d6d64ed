#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "state/StateStore.h"

namespace brobyg::pipeline {

struct ReconcileReport {
  std::vector<std::string> filesWithoutRecord;  // a crash between file and commit: never sent
  std::vector<std::string> recordsWithoutFile;  // package ids whose stored file is gone
  std::size_t tempFilesRemoved = 0;             // ".<id>.cms.tmp-*" of runs that were killed
};

// A package's temp file not written to for this long belongs to no living run: a run
// writes its package in one stream and renames it at once (other jobs may be writing theirs
// in the same folder right now, so "at start" cannot mean "every temp file").
inline constexpr std::chrono::minutes kAbandonedTempFileAge{15};

// Compares the outbox folder with the outbox table (CHECKLIST "SQLite and files"). A file
// without a record comes from a run that crashed after writing its package and before
// committing; its rows were not committed either and will be read again, so the file is
// left for an admin and never sent. A record without its file cannot be delivered and is
// marked failed. The only files deleted are temp files a killed run left while writing a
// package (AtomicFile's ".<name>.tmp-<hex>"), once older than kAbandonedTempFileAge; the
// log says how many. `now` is for tests.
ReconcileReport reconcileOutbox(
    state::StateStore& store, const std::string& outboxDir,
    std::filesystem::file_time_type now = std::filesystem::file_time_type::clock::now());

}  // namespace brobyg::pipeline
