#pragma once

#include <Poco/Event.h>

#include <atomic>
#include <cstdint>
#include <map>
#include <string>

#include "config/Config.h"
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

  // Seconds in a schedule such as 30s, 15m, 6h, 1d; 0 when empty or invalid.
  static std::int64_t parseInterval(const std::string& text);

 private:
  void tick();
  std::int64_t lastStart(const std::string& job);

  const config::Config& config_;
  const plugin::PluginRegistry& registry_;
  int tickSeconds_;
  std::atomic<bool> stopping_{false};
  Poco::Event wake_;
  std::map<std::string, std::int64_t> lastStart_;
};

}  // namespace brobyg::daemon
