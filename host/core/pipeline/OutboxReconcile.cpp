#include "pipeline/OutboxReconcile.h"

#include <Poco/Logger.h>

#include <filesystem>
#include <set>

namespace brobyg::pipeline {
namespace fs = std::filesystem;

ReconcileReport reconcileOutbox(state::StateStore& store, const std::string& outboxDir) {
  ReconcileReport report;
  std::set<std::string> recorded;
  for (const state::OutboxEntry& entry : store.outbox()) {
    recorded.insert(fs::path(entry.file).filename().string());
    bool pending =
        entry.state != state::OutboxState::Delivered && entry.state != state::OutboxState::Failed;
    std::error_code ec;
    if (pending && !fs::exists(entry.file, ec)) {
      report.recordsWithoutFile.push_back(entry.packageId);
      store.markFailed(entry.packageId, "stored package file is missing: " + entry.file);
    }
  }
  std::error_code ec;
  if (fs::is_directory(outboxDir, ec)) {
    for (const auto& file : fs::directory_iterator(outboxDir, ec)) {
      std::string name = file.path().filename().string();
      if (!file.is_regular_file() || name.empty() || name[0] == '.') continue;
      if (recorded.count(name) == 0) report.filesWithoutRecord.push_back(file.path().string());
    }
  }
  Poco::Logger& log = Poco::Logger::get("brobyg.outbox");
  for (const auto& f : report.filesWithoutRecord)
    log.warning(f +
                ": package without an outbox record (a run stopped before it committed); "
                "it will not be sent, and its rows will be read again");
  for (const auto& id : report.recordsWithoutFile)
    log.error("package " + id + ": its stored file is missing; marked failed");
  return report;
}

}  // namespace brobyg::pipeline
