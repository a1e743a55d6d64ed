#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "schedule/CronExpression.h"
#include "schedule/TimeZone.h"

namespace brobyg::schedule {

// A job's `schedule`: an interval from the last start (30m, 6h, 1d) or a five-field cron
// expression evaluated in a time zone (Europe/Copenhagen unless the job names another).
class Schedule {
 public:
  // Throws brobyg::Error naming the field or the zone. `timezone` is used by cron expressions
  // only (an interval does not care about wall clocks).
  static Schedule parse(const std::string& text, const std::string& timezone);
  // Whether `text` is an interval (else a cron expression, checked by parse).
  static bool isInterval(const std::string& text);

  // The first time the job is due after `mark`, the time up to which it was handled.
  std::optional<std::int64_t> nextAfter(std::int64_t mark) const;
  bool interval() const { return intervalSeconds_ != 0; }

 private:
  std::int64_t intervalSeconds_ = 0;
  std::optional<CronExpression> cron_;
  std::shared_ptr<const TimeZone> zone_;
};

// What to do with a run that fell due while the service was down (`missed` on the job).
enum class MissedRuns { RunOnce, Skip };
std::optional<MissedRuns> missedRunsFrom(const std::string& text);  // "run-once", "skip"

// The scheduler's decision for one job at one tick. `mark` is the time up to which the job's
// schedule was handled (persisted, so that a restart knows what it missed); `serviceStart`
// is when this service process started. However many due times passed, the job runs at most
// once; the new mark is `now` either way.
struct Due {
  bool run = false;     // start the job now
  bool missed = false;  // the due time passed before the service started
  std::int64_t mark = 0;
};
Due decide(const Schedule& schedule, MissedRuns policy, std::int64_t mark, std::int64_t now,
           std::int64_t serviceStart);

}  // namespace brobyg::schedule
