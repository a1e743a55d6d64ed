#include "Scheduler.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Logger.h>

#include "config/ConfigCheck.h"
#include "pipeline/JobRunner.h"
#include "pipeline/OutboxReconcile.h"
#include "pipeline/OutboxSender.h"
#include "pipeline/Retention.h"
#include "pipeline/StateLayout.h"
#include "pipeline/SummaryLine.h"
#include "state/StateStore.h"
#include "util/Duration.h"

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
  state::StateStore store(pipeline::StateLayout(config_).database().string());
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
    const std::int64_t interval = parseInterval(job.schedule);
    const std::int64_t now = state::nowSeconds();
    const auto retryAt = retries_.retryAt(job.id);
    bool due =
        (interval != 0 && now >= lastStart(job.id) + interval) || (retryAt && now >= *retryAt);
    if (!due && requested.count(job.id) == 0) continue;
    lastStart_[job.id] = state::nowSeconds();
    try {
      // What brobyg check refuses for this job refuses the run before it reads anything.
      Problems problems = config::preflight(config_, registry_, job.id);
      if (hasErrors(problems)) {
        // A refused job waits for its schedule again, not for a source retry.
        retries_.settled(job.id);
        log.error("job '" + job.id + "' not run, the configuration has problems:\n" +
                  formatProblems(config_.path, problems));
        continue;
      }
      if (!problems.empty()) log.warning(formatProblems(config_.path, problems));
      pipeline::JobRunner runner(config_, registry_);
      pipeline::RunResult result = runner.runOnce(job.id);
      log.information(pipeline::summaryLine(job.id, result));
      noteSourceReadiness(job.id, result, interval);
    } catch (const std::exception& e) {
      retries_.settled(job.id);
      log.error("job '" + job.id + "' failed: " + e.what());
    }
  }
  if (stopping_) return;
  try {
    state::StateStore store(pipeline::StateLayout(config_).database().string());
    pipeline::OutboxSender sender(store, config_, registry_);
    sender.deliverDue();
    pipeline::applyRetention(config_, store, state::nowSeconds());
  } catch (const std::exception& e) {
    log.error(std::string("outbox: ") + e.what());
  }
}

void Scheduler::noteSourceReadiness(const std::string& job, const pipeline::RunResult& result,
                                    std::int64_t interval) {
  if (!result.sourceNotReady) {
    retries_.settled(job);
    return;
  }
  const std::int64_t at = retries_.notReady(job, state::nowSeconds(), interval);
  Poco::Logger::get("brobyg.scheduler")
      .information("job '" + job + "': a source is not ready (" + result.summary.message +
                   "); trying again in " + std::to_string(at - state::nowSeconds()) + " s");
}

void Scheduler::run() {
  {
    const pipeline::StateLayout layout(config_);
    state::StateStore store(layout.database().string());
    pipeline::reconcileOutbox(store, layout.outbox().string());
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
