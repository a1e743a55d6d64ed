#pragma once

#include <Poco/Event.h>

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>

#include "Reloader.h"
#include "pipeline/JobRunner.h"
#include "pipeline/SourceRetry.h"
#include "schedule/Schedule.h"

namespace brobyg::daemon {

// Runs scheduled jobs and drains the outbox, one thing at a time on one thread (so the
// SQLite session stays on one thread: CHECKLIST "SQLite"). A stop request lets the current
// run finish; nothing is interrupted half-way. Each tick takes the current configuration
// from the Reloader and keeps it until the tick ends.
class Scheduler {
 public:
  explicit Scheduler(const Reloader& configuration, int tickSeconds = 15);
  void run();  // until stop()
  void stop();
  // Asks for `job` to run at the next tick whatever its schedule (the admin API).
  void requestRun(const std::string& job);

  // Seconds in a schedule such as 30s, 15m, 6h, 1d; 0 when empty or invalid.
  static std::int64_t parseInterval(const std::string& text);

 private:
  void tick();
  void runJob(const Runtime& runtime, const config::JobConfig& job, std::int64_t interval);
  // Whether the job's schedule says it is due now (logs and records a skipped missed run).
  bool scheduledNow(const Runtime& runtime, const config::JobConfig& job, std::int64_t now);
  const schedule::Schedule* scheduleOf(const config::JobConfig& job);
  std::int64_t markOf(const Runtime& runtime, const config::JobConfig& job, bool interval);
  void setMark(const Runtime& runtime, const std::string& job, std::int64_t mark);
  // A run whose source was not ready is repeated with backoff (pipeline::SourceRetry).
  void noteSourceReadiness(const std::string& job, const pipeline::RunResult& result,
                           std::int64_t interval);

  const Reloader& configuration_;
  int tickSeconds_;
  const std::int64_t started_;  // missed runs are those due before this
  std::atomic<bool> stopping_{false};
  Poco::Event wake_;
  std::map<std::string, std::int64_t> marks_;  // job → schedule handled up to (state store)
  std::map<std::string, std::pair<std::string, schedule::Schedule>> schedules_;  // parsed
  pipeline::SourceRetry retries_;
  std::mutex requestsMutex_;
  std::set<std::string> requested_;
};

}  // namespace brobyg::daemon
