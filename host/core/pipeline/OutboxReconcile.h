#pragma once

#include <string>
#include <vector>

#include "state/StateStore.h"

namespace brobyg::pipeline {

struct ReconcileReport {
  std::vector<std::string> filesWithoutRecord;  // a crash between file and commit: never sent
  std::vector<std::string> recordsWithoutFile;  // package ids whose stored file is gone
};

// Compares the outbox folder with the outbox table (CHECKLIST "SQLite and files"). A file
// without a record comes from a run that crashed after writing its package and before
// committing; its rows were not committed either and will be read again, so the file is
// left for an admin and never sent. A record without its file cannot be delivered and is
// marked failed. Nothing is deleted.
ReconcileReport reconcileOutbox(state::StateStore& store, const std::string& outboxDir);

}  // namespace brobyg::pipeline
