#pragma once

#include <Poco/Event.h>

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>

#include "config/Config.h"
#include "pipeline/JobRunner.h"
#include "pipeline/SourceRetry.h"
#include "plugin/PluginRegistry.h"

namespace brobyg::daemon {

// Runs scheduled jobs and drains the outbox, one thing at a time on one thread (so the
// SQLite session stays on one thread: CHECKLIST "SQLite"). A stop request lets the current
// run finish; nothing is interrupted half-way.
class Scheduler {
 public:
  Scheduler(const config::Config& config, const plugin::PluginRegistry& registry,
            int tickSeconds = 15);
  void run();  // until stop()
  void stop();
  // Asks for `job` to run at the next tick whatever its schedule (the admin API).
  void requestRun(const std::string& job);

  // Seconds in a schedule such as 30s, 15m, 6h, 1d; 0 when empty or invalid.
  static std::int64_t parseInterval(const std::string& text);

 private:
  void tick();
  std::int64_t lastStart(const std::string& job);
  // A run whose source was not ready is repeated with backoff (pipeline::SourceRetry).
  void noteSourceReadiness(const std::string& job, const pipeline::RunResult& result,
                           std::int64_t interval);

  const config::Config& config_;
  const plugin::PluginRegistry& registry_;
  int tickSeconds_;
  std::atomic<bool> stopping_{false};
  Poco::Event wake_;
  std::map<std::string, std::int64_t> lastStart_;
  pipeline::SourceRetry retries_;
  std::mutex requestsMutex_;
  std::set<std::string> requested_;
};

}  // namespace brobyg::daemon
