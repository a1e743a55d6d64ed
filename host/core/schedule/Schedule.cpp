#include "schedule/Schedule.h"

#include "schedule/ZoneDatabase.h"
#include "util/Duration.h"

namespace brobyg::schedule {

bool Schedule::isInterval(const std::string& text) {
  return parseDuration(text).value_or(0) > 0;
}

Schedule Schedule::parse(const std::string& text, const std::string& timezone) {
  Schedule s;
  if (isInterval(text)) {
    s.intervalSeconds_ = *parseDuration(text);
    return s;
  }
  s.cron_ = CronExpression::parse(text);
  s.zone_ = loadTimeZone(timezone.empty() ? kDefaultTimeZone : timezone);
  return s;
}

std::optional<std::int64_t> Schedule::nextAfter(std::int64_t mark) const {
  if (intervalSeconds_ != 0) return mark + intervalSeconds_;
  if (!cron_ || !zone_) return std::nullopt;
  return cron_->nextAfter(mark, *zone_);
}

std::optional<MissedRuns> missedRunsFrom(const std::string& text) {
  if (text.empty() || text == "run-once") return MissedRuns::RunOnce;
  if (text == "skip") return MissedRuns::Skip;
  return std::nullopt;
}

Due decide(const Schedule& schedule, MissedRuns policy, std::int64_t mark, std::int64_t now,
           std::int64_t serviceStart) {
  Due due;
  due.mark = mark;
  const auto next = schedule.nextAfter(mark);
  if (!next || now < *next) return due;
  due.missed = *next < serviceStart;
  due.run = !(due.missed && policy == MissedRuns::Skip);
  due.mark = now;
  return due;
}

}  // namespace brobyg::schedule
