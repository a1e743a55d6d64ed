#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace brobyg::pipeline {

// When brobygd runs a job again after a source answered "retry later" (RunResult::
// sourceNotReady): one minute after the first answer, doubling with each answer in a row, and
// never later than the job's schedule would run it anyway (one hour for a job without one).
// Any other outcome ends the waiting. Kept in memory: after a restart the schedule decides.
class SourceRetry {
 public:
  static constexpr std::int64_t kFirstDelaySeconds = 60;
  static constexpr std::int64_t kUnscheduledCapSeconds = 3600;

  // The wait after `answers` not-ready answers in a row (1, 2, ...).
  static std::int64_t delay(int answers, std::int64_t scheduleSeconds);

  // Records a not-ready answer of `job`'s run at `now`; returns when to try again.
  std::int64_t notReady(const std::string& job, std::int64_t now, std::int64_t scheduleSeconds);
  // `job` ran to another outcome: no retry is waiting.
  void settled(const std::string& job);
  // When `job` is to be tried again; nullopt when it does not wait for a retry.
  std::optional<std::int64_t> retryAt(const std::string& job) const;

 private:
  struct Waiting {
    int answers = 0;
    std::int64_t at = 0;
  };
  std::map<std::string, Waiting> waiting_;
};

}  // namespace brobyg::pipeline
