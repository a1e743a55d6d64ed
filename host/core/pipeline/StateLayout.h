#pragma once

#include <filesystem>
#include <string>

namespace brobyg::config {
struct Config;
}

namespace brobyg::pipeline {

// Every path of the state folder, spelled once (docs/architecture.md "The state folder"):
//
//   brobyg.db                 runs, cursors, outbox, disclosure register (StateStore)
//   locks/<job>.lock          one run of a job at a time; locks/outbox.lock one sender
//   work/<job>/<package>/     a run's scratch files; the job's folder is emptied at its start
//   outbox/<package>.cms      staged packages, sent byte for byte
//   quarantine/               rejected rows (state::Quarantine)
//   plugins/<kind>-<id>/      a plugin instance's private folder
//   digests/<job>/            digests of the rows a job delivered (state::RowDigestStore)
//   summary/<job>/            the absences and enrolments absence_summary counts
//                             (summary::SummaryStore)
//
// A path built from an id (job, instance, package) is refused with brobyg::Error unless the
// id is a safe name (util/SafePath.h) and the path stays inside its parent: a job id ".."
// must never turn "remove the job's work folder" into "remove the state folder", even if a
// configuration got past the loader's own rule.
class StateLayout {
 public:
  explicit StateLayout(std::filesystem::path root);
  explicit StateLayout(const config::Config& config);

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path database() const { return root_ / "brobyg.db"; }
  std::filesystem::path locks() const { return root_ / "locks"; }
  std::filesystem::path jobLock(const std::string& job) const;
  std::filesystem::path outboxLock() const { return locks() / "outbox.lock"; }
  std::filesystem::path work() const { return root_ / "work"; }
  std::filesystem::path jobWork(const std::string& job) const;
  std::filesystem::path runWork(const std::string& job, const std::string& packageId) const;
  std::filesystem::path outbox() const { return root_ / "outbox"; }
  std::filesystem::path outboxPackage(const std::string& packageId) const;
  std::filesystem::path quarantine() const { return root_ / "quarantine"; }
  std::filesystem::path plugins() const { return root_ / "plugins"; }
  // kind is "source" or "destination".
  std::filesystem::path pluginWork(const std::string& kind, const std::string& instance) const;
  std::filesystem::path digests() const { return root_ / "digests"; }
  std::filesystem::path summaries() const { return root_ / "summary"; }
  std::filesystem::path summaryStore(const std::string& job) const;

 private:
  std::filesystem::path root_;
};

}  // namespace brobyg::pipeline
