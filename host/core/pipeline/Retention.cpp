#include "pipeline/Retention.h"

#include <Poco/Logger.h>

#include <chrono>
#include <filesystem>

#include "package/PackageId.h"
#include "pipeline/StateLayout.h"
#include "util/Utf8Path.h"

namespace brobyg::pipeline {
namespace fs = std::filesystem;

namespace {

std::int64_t modifiedAt(const fs::path& file) {
  std::error_code ec;
  auto written = fs::last_write_time(file, ec);
  if (ec) return 0;
  auto system = std::chrono::time_point_cast<std::chrono::seconds>(
      written - fs::file_time_type::clock::now() + std::chrono::system_clock::now());
  return system.time_since_epoch().count();
}

}  // namespace

RetentionReport applyRetention(const config::Config& config, state::StateStore& store,
                               std::int64_t now) {
  RetentionReport report;
  std::error_code ec;
  if (std::int64_t keep = config.service.quarantineRetentionSeconds; keep > 0) {
    const fs::path dir = StateLayout(config).quarantine();
    if (fs::is_directory(dir, ec)) {
      for (const auto& entry : fs::directory_iterator(dir, ec)) {
        std::string name = entry.path().filename().string();
        if (!entry.is_regular_file() || name.empty() || name[0] == '.') continue;
        if (modifiedAt(entry.path()) < now - keep && fs::remove(entry.path(), ec))
          ++report.quarantineFiles;
      }
    }
  }
  if (std::int64_t keep = config.service.deliveredRetentionSeconds; keep > 0) {
    for (const state::OutboxEntry& e : store.outbox()) {
      if (e.state != state::OutboxState::Delivered || e.deliveredAt.empty()) continue;
      std::int64_t delivered = 0;
      try {
        delivered = static_cast<std::int64_t>(package::parseIsoUtc(e.deliveredAt));
      } catch (const std::exception&) {
        continue;
      }
      if (delivered < now - keep && fs::exists(pathFromUtf8(e.file), ec) &&
          fs::remove(pathFromUtf8(e.file), ec))
        ++report.packageFiles;
    }
  }
  if (report.quarantineFiles > 0 || report.packageFiles > 0)
    Poco::Logger::get("brobyg.retention")
        .information("retention: removed " + std::to_string(report.quarantineFiles) +
                     " quarantine file(s) and " + std::to_string(report.packageFiles) +
                     " delivered package file(s)");
  return report;
}

}  // namespace brobyg::pipeline
