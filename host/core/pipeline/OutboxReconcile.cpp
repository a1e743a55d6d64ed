#include "pipeline/OutboxReconcile.h"
#include "util/Utf8Path.h"

#include <Poco/Logger.h>

#include <filesystem>
#include <set>

namespace brobyg::pipeline {
namespace fs = std::filesystem;

namespace {

// AtomicFile's temp name for a package: "." <package file name> ".tmp-" <hex>.
bool isPackageTempFile(const std::string& name) {
  const std::size_t tmp = name.rfind(".tmp-");
  return name.size() > 1 && name[0] == '.' && tmp != std::string::npos && tmp >= 5 &&
         name.compare(tmp - 4, 4, ".cms") == 0;
}

std::size_t removeAbandonedTempFiles(const std::string& outboxDir, fs::file_time_type now) {
  std::size_t removed = 0;
  std::error_code ec;
  for (const auto& file : fs::directory_iterator(pathFromUtf8(outboxDir), ec)) {
    std::error_code fileEc;
    if (!file.is_regular_file(fileEc) || !isPackageTempFile(file.path().filename().string()))
      continue;
    const auto written = fs::last_write_time(file.path(), fileEc);
    if (fileEc || now - written < kAbandonedTempFileAge) continue;
    if (fs::remove(file.path(), fileEc)) ++removed;
  }
  return removed;
}

}  // namespace

ReconcileReport reconcileOutbox(state::StateStore& store, const std::string& outboxDir,
                                fs::file_time_type now) {
  ReconcileReport report;
  std::set<std::string> recorded;
  for (const state::OutboxEntry& entry : store.outbox()) {
    recorded.insert(utf8FromPath(pathFromUtf8(entry.file).filename()));
    bool pending =
        entry.state != state::OutboxState::Delivered && entry.state != state::OutboxState::Failed;
    std::error_code ec;
    if (pending && !fs::exists(pathFromUtf8(entry.file), ec)) {
      report.recordsWithoutFile.push_back(entry.packageId);
      store.markFailed(entry.packageId, "stored package file is missing: " + entry.file);
    }
  }
  std::error_code ec;
  if (fs::is_directory(pathFromUtf8(outboxDir), ec)) {
    report.tempFilesRemoved = removeAbandonedTempFiles(outboxDir, now);
    for (const auto& file : fs::directory_iterator(pathFromUtf8(outboxDir), ec)) {
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
  if (report.tempFilesRemoved > 0)
    log.notice(outboxDir + ": removed " + std::to_string(report.tempFilesRemoved) +
               " temporary package file(s) left by runs that stopped while writing them");
  for (const auto& id : report.recordsWithoutFile)
    log.error("package " + id + ": its stored file is missing; marked failed");
  return report;
}

}  // namespace brobyg::pipeline
