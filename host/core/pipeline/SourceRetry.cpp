#include "pipeline/SourceRetry.h"

#include <algorithm>

namespace brobyg::pipeline {

std::int64_t SourceRetry::delay(int answers, std::int64_t scheduleSeconds) {
  const std::int64_t cap = scheduleSeconds > 0 ? scheduleSeconds : kUnscheduledCapSeconds;
  std::int64_t wait = kFirstDelaySeconds;
  for (int i = 1; i < answers && wait < cap; ++i) wait *= 2;
  return std::min(wait, cap);
}

std::int64_t SourceRetry::notReady(const std::string& job, std::int64_t now,
                                   std::int64_t scheduleSeconds) {
  Waiting& w = waiting_[job];
  ++w.answers;
  w.at = now + delay(w.answers, scheduleSeconds);
  return w.at;
}

void SourceRetry::settled(const std::string& job) {
  waiting_.erase(job);
}

std::optional<std::int64_t> SourceRetry::retryAt(const std::string& job) const {
  auto it = waiting_.find(job);
  if (it == waiting_.end()) return std::nullopt;
  return it->second.at;
}

}  // namespace brobyg::pipeline
