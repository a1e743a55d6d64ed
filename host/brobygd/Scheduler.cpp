#include "Scheduler.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Logger.h>
#include <Poco/Timestamp.h>

#include "config/ConfigCheck.h"
#include "pipeline/JobRunner.h"
#include "pipeline/OutboxReconcile.h"
#include "pipeline/OutboxSender.h"
#include "pipeline/Retention.h"
#include "pipeline/StateLayout.h"
#include "pipeline/SummaryLine.h"
#include "state/StateStore.h"
#include "util/Duration.h"
#include "util/Error.h"

namespace brobyg::daemon {

namespace {

std::string isoTime(std::int64_t seconds) {
  return Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(seconds),
                                         Poco::DateTimeFormat::ISO8601_FORMAT);
}

std::string database(const Runtime& runtime) {
  return pipeline::StateLayout(runtime.config).database().string();
}

}  // namespace

Scheduler::Scheduler(const Reloader& configuration, int tickSeconds)
    : configuration_(configuration),
      tickSeconds_(tickSeconds),
      started_(state::nowSeconds()),
      wake_(false) {}

std::int64_t Scheduler::parseInterval(const std::string& text) {
  return parseDuration(text).value_or(0);
}

const schedule::Schedule* Scheduler::scheduleOf(const config::JobConfig& job) {
  const std::string key = job.schedule + "\n" + job.timezone;
  auto it = schedules_.find(job.id);
  if (it != schedules_.end() && it->second.first == key) return &it->second.second;
  try {
    // Reads the zone's file once per job and schedule, not at every tick.
    auto parsed = schedule::Schedule::parse(job.schedule, job.timezone);
    return &(schedules_.insert_or_assign(job.id, std::make_pair(key, parsed)).first->second.second);
  } catch (const Error& e) {
    Poco::Logger::get("brobyg.scheduler").error("job '" + job.id + "': " + e.what());
    return nullptr;
  }
}

// The time up to which the job's schedule was handled: kept in the state store, so that a
// restart knows which due times passed while the service was down. Without a record: the
// job's last start; a cron job never run counts from now (nothing missed yet), an interval
// job never run is due at once.
std::int64_t Scheduler::markOf(const Runtime& runtime, const config::JobConfig& job,
                               bool interval) {
  if (auto it = marks_.find(job.id); it != marks_.end()) return it->second;
  state::StateStore store(database(runtime));
  if (auto stored = store.scheduleMark(job.id)) return marks_[job.id] = *stored;
  const std::int64_t now = state::nowSeconds();
  std::int64_t mark = interval ? now - parseInterval(job.schedule) : now;
  auto runs = store.runs(job.id, 1);
  int tz = 0;
  Poco::DateTime parsed;
  if (!runs.empty() && Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FORMAT,
                                                      runs[0].startedAt, parsed, tz))
    mark = parsed.timestamp().epochTime();
  store.setScheduleMark(job.id, mark);
  return marks_[job.id] = mark;
}

void Scheduler::setMark(const Runtime& runtime, const std::string& job, std::int64_t mark) {
  marks_[job] = mark;
  state::StateStore(database(runtime)).setScheduleMark(job, mark);
}

bool Scheduler::scheduledNow(const Runtime& runtime, const config::JobConfig& job,
                             std::int64_t now) {
  if (job.schedule.empty()) return false;
  const schedule::Schedule* plan = scheduleOf(job);
  if (plan == nullptr) return false;
  const auto policy = schedule::missedRunsFrom(job.missed).value_or(schedule::MissedRuns::RunOnce);
  const std::int64_t mark = markOf(runtime, job, plan->interval());
  const schedule::Due due = schedule::decide(*plan, policy, mark, now, started_);
  Poco::Logger& log = Poco::Logger::get("brobyg.scheduler");
  if (due.missed && !due.run) {
    log.warning("job '" + job.id + "': the run due at " + isoTime(*plan->nextAfter(mark)) +
                " was missed while brobygd was down; skipped (missed=\"skip\")");
    setMark(runtime, job.id, due.mark);
  } else if (due.missed) {
    log.information("job '" + job.id + "': the run due at " + isoTime(*plan->nextAfter(mark)) +
                    " was missed while brobygd was down; running it once now");
  }
  return due.run;
}

void Scheduler::tick() {
  std::set<std::string> requested;
  {
    std::lock_guard lock(requestsMutex_);
    requested.swap(requested_);
  }
  // This tick's configuration: a reload during a run takes effect at the next tick.
  const RuntimePtr runtime = configuration_.current();
  for (const config::JobConfig& job : runtime->config.jobs) {
    if (stopping_) return;
    const std::int64_t now = state::nowSeconds();
    const std::int64_t interval = parseInterval(job.schedule);
    bool scheduled = false;
    try {
      scheduled = scheduledNow(*runtime, job, now);
    } catch (const std::exception& e) {
      Poco::Logger::get("brobyg.scheduler").error("job '" + job.id + "': " + e.what());
    }
    const auto retryAt = retries_.retryAt(job.id);
    const bool retry = retryAt && now >= *retryAt;
    if (!scheduled && !retry && requested.count(job.id) == 0) continue;
    runJob(*runtime, job, interval);
    // The schedule is handled up to this run's start (an interval counts from any start).
    if (scheduled || interval != 0) {
      try {
        setMark(*runtime, job.id, now);
      } catch (const std::exception& e) {
        Poco::Logger::get("brobyg.scheduler").error("job '" + job.id + "': " + e.what());
      }
    }
  }
  if (stopping_) return;
  try {
    state::StateStore store(database(*runtime));
    pipeline::OutboxSender sender(store, runtime->config, runtime->registry);
    sender.deliverDue();
    pipeline::applyRetention(runtime->config, store, state::nowSeconds());
  } catch (const std::exception& e) {
    Poco::Logger::get("brobyg.scheduler").error(std::string("outbox: ") + e.what());
  }
}

void Scheduler::runJob(const Runtime& runtime, const config::JobConfig& job,
                       std::int64_t interval) {
  Poco::Logger& log = Poco::Logger::get("brobyg.scheduler");
  try {
    // What brobyg check refuses for this job refuses the run before it reads anything.
    Problems problems = config::preflight(runtime.config, runtime.registry, job.id);
    if (hasErrors(problems)) {
      // A refused job waits for its schedule again, not for a source retry.
      retries_.settled(job.id);
      log.error("job '" + job.id + "' not run, the configuration has problems:\n" +
                formatProblems(runtime.config.path, problems));
      return;
    }
    if (!problems.empty()) log.warning(formatProblems(runtime.config.path, problems));
    pipeline::JobRunner runner(runtime.config, runtime.registry);
    pipeline::RunResult result = runner.runOnce(job.id);
    log.information(pipeline::summaryLine(job.id, result));
    noteSourceReadiness(job.id, result, interval);
  } catch (const std::exception& e) {
    retries_.settled(job.id);
    log.error("job '" + job.id + "' failed: " + e.what());
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
    const RuntimePtr runtime = configuration_.current();
    const pipeline::StateLayout layout(runtime->config);
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
