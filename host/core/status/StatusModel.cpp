#include "status/StatusModel.h"

#include <algorithm>

#include "config/Config.h"
#include "package/PackageId.h"
#include "schedule/Schedule.h"
#include "status/Certificates.h"

namespace brobyg::status {

void DurationHistogram::add(double seconds) {
  for (std::size_t i = 0; i < kDurationBucketCount; ++i)
    if (seconds <= kDurationBuckets[i]) ++buckets[i];
  ++count;
  sum += seconds;
}

namespace {

// The scheduler's own rule (Scheduler::markOf): the next due time after the time up to
// which the schedule was handled; a job brobygd has not seen yet counts from now.
void addSchedule(JobStatus& job, const config::JobConfig& config, state::StateStore& store,
                 std::int64_t now) {
  if (config.schedule.empty()) return;
  try {
    const auto plan = schedule::Schedule::parse(config.schedule, config.timezone);
    job.nextRun = plan.nextAfter(store.scheduleMark(config.id).value_or(now));
  } catch (const std::exception& e) {
    job.scheduleProblem = e.what();
  }
}

bool successful(const std::string& status) {
  return status == "ok" || status == "nothing-new";
}

void addRunHistory(std::vector<JobStatus>& jobs, state::StateStore& store) {
  for (const auto& t : store.runTimings()) {
    auto job = std::find_if(jobs.begin(), jobs.end(), [&](const auto& j) { return j.id == t.job; });
    if (job == jobs.end()) continue;  // a job no longer configured
    job->durations.add(static_cast<double>(std::max<std::int64_t>(t.seconds, 0)));
    if (successful(t.status))
      job->lastSuccess = std::max(job->lastSuccess.value_or(0), t.startedAt + t.seconds);
  }
  for (const auto& t : store.runTotals()) {
    auto job = std::find_if(jobs.begin(), jobs.end(), [&](const auto& j) { return j.id == t.job; });
    if (job == jobs.end()) continue;
    job->runsByStatus[t.status] += t.runs;
    job->rowTotals.rowsRead += t.rows.rowsRead;
    job->rowTotals.rowsRejected += t.rows.rowsRejected;
    job->rowTotals.rowsWritten += t.rows.rowsWritten;
    job->rowTotals.rowsDuplicate += t.rows.rowsDuplicate;
  }
}

bool waiting(state::OutboxState s) {
  return s == state::OutboxState::Staged || s == state::OutboxState::Sending ||
         s == state::OutboxState::RetryWaiting;
}

OutboxStatus outboxOf(state::StateStore& store, std::int64_t now) {
  OutboxStatus out;
  for (auto s :
       {state::OutboxState::Staged, state::OutboxState::Sending, state::OutboxState::RetryWaiting,
        state::OutboxState::Delivered, state::OutboxState::Failed})
    out.byState[state::toString(s)] = 0;
  out.entries = store.outbox();
  for (const auto& e : out.entries) {
    ++out.byState[state::toString(e.state)];
    if (!waiting(e.state)) continue;
    std::int64_t created = now;
    try {
      created = static_cast<std::int64_t>(package::parseIsoUtc(e.createdAt));
    } catch (const std::exception&) {  // written by nowIso(): only a hand-edited row is not
    }
    const std::int64_t age = std::max<std::int64_t>(now - created, 0);
    out.oldestWaitingSeconds = std::max(out.oldestWaitingSeconds.value_or(0), age);
  }
  return out;
}

RegisterHead registerOf(state::StateStore& store) {
  const auto entries = store.disclosures();
  RegisterHead head;
  head.entries = static_cast<long>(entries.size());
  if (!entries.empty()) head.head = entries.back().hash;
  return head;
}

}  // namespace

Status collect(const config::Config& config, state::StateStore& store, const Problems& problems,
               std::int64_t now, int runsPerJob) {
  Status status;
  status.generatedAt = now;
  status.configPath = config.path;
  for (const config::JobConfig& j : config.jobs) {
    JobStatus job;
    job.id = j.id;
    job.schedule = j.schedule;
    job.timezone = j.schedule.empty() || schedule::Schedule::isInterval(j.schedule)
                       ? ""
                       : (j.timezone.empty() ? "Europe/Copenhagen" : j.timezone);
    job.legalBasisExpires = j.legalBasis.expires;
    addSchedule(job, j, store, now);
    job.lastRuns = store.runs(j.id, runsPerJob);
    status.jobs.push_back(std::move(job));
  }
  addRunHistory(status.jobs, store);
  status.outbox = outboxOf(store, now);
  status.registerHead = registerOf(store);
  status.certificates = configuredCertificates(config);
  status.problems = problems;
  return status;
}

}  // namespace brobyg::status
