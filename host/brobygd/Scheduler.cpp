#include "Scheduler.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Logger.h>

#include "config/ConfigCheck.h"
#include "pipeline/JobRunner.h"
#include "util/Duration.h"
#include "pipeline/OutboxReconcile.h"
#include "pipeline/OutboxSender.h"
#include "pipeline/Retention.h"
#include "state/StateStore.h"

namespace brobyg::daemon {

Scheduler::Scheduler(const config::Config& config, const plugin::PluginRegistry& registry,
                     int tickSeconds)
    : config_(config), registry_(registry), tickSeconds_(tickSeconds), wake_(false) {}

std::int64_t Scheduler::parseInterval(const std::string& text) {
  return parseDuration(text).value_or(0);
}

std::int64_t Scheduler::lastStart(const std::string& job) {
  auto it = lastStart_.find(job);
  if (it != lastStart_.end()) return it->second;
  // After a restart, the last run in the state store counts: no burst of runs at start-up.
  state::StateStore store(pipeline::stateDatabasePath(config_));
  auto runs = store.runs(job, 1);
  std::int64_t start = 0;
  if (!runs.empty()) {
    int tz = 0;
    Poco::DateTime parsed;
    if (Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FORMAT, runs[0].startedAt,
                                       parsed, tz))
      start = parsed.timestamp().epochTime();
  }
  lastStart_[job] = start;
  return start;
}

void Scheduler::tick() {
  Poco::Logger& log = Poco::Logger::get("brobyg.scheduler");
  std::set<std::string> requested;
  {
    std::lock_guard lock(requestsMutex_);
    requested.swap(requested_);
  }
  for (const config::JobConfig& job : config_.jobs) {
    if (stopping_) return;
    std::int64_t interval = parseInterval(job.schedule);
    bool due = interval != 0 && state::nowSeconds() >= lastStart(job.id) + interval;
    if (!due && requested.count(job.id) == 0) continue;
    lastStart_[job.id] = state::nowSeconds();
    try {
      // What brobyg check refuses for this job refuses the run before it reads anything.
      Problems problems = config::preflight(config_, registry_, job.id);
      if (hasErrors(problems)) {
        log.error("job '" + job.id + "' not run, the configuration has problems:\n" +
                  formatProblems(config_.path, problems));
        continue;
      }
      pipeline::JobRunner runner(config_, registry_);
      pipeline::RunResult result = runner.runOnce(job.id);
      log.information(pipeline::summaryLine(job.id, result));
    } catch (const std::exception& e) {
      log.error("job '" + job.id + "' failed: " + e.what());
    }
  }
  if (stopping_) return;
  try {
    state::StateStore store(pipeline::stateDatabasePath(config_));
    pipeline::OutboxSender sender(store, config_, registry_);
    sender.deliverDue();
    pipeline::applyRetention(config_, store, state::nowSeconds());
  } catch (const std::exception& e) {
    log.error(std::string("outbox: ") + e.what());
  }
}

void Scheduler::run() {
  {
    state::StateStore store(pipeline::stateDatabasePath(config_));
    pipeline::reconcileOutbox(store, pipeline::outboxDirectory(config_));
  }
  while (!stopping_) {
    tick();
    wake_.tryWait(static_cast<long>(tickSeconds_) * 1000);
  }
}

void Scheduler::requestRun(const std::string& job) {
  {
    std::lock_guard lock(requestsMutex_);
    requested_.insert(job);
  }
  wake_.set();
}

void Scheduler::stop() {
  stopping_ = true;
  wake_.set();
}

}  // namespace brobyg::daemon
