#pragma once

#include <bitset>
#include <cstdint>
#include <optional>
#include <string>

#include "schedule/TimeZone.h"

namespace brobyg::schedule {

// A classic five-field cron expression: minute hour day-of-month month day-of-week, each a
// comma list of `*`, n, n-m, with an optional /step; months and weekdays also by English
// name (jan, mon), Sunday as 0 or 7. When both day fields are restricted (neither starts with
// `*`) a day matches if either does (Vixie cron's rule). @hourly, @daily, @weekly, @monthly
// and @yearly are shorthands.
class CronExpression {
 public:
  // Throws brobyg::Error naming the field, e.g.
  //   schedule "61 * * * *": minute 61 is out of range 0-59
  static CronExpression parse(const std::string& text);

  // The first time after `after` (UTC seconds) at which the expression fires in `zone`.
  // Daylight saving: a wall-clock time that does not exist (the spring gap) fires once, at
  // the end of the gap; one that exists twice (autumn) fires at its first occurrence only,
  // unless the hour field is `*`, whose times then fire in both hours (cronie's rule).
  // Empty if nothing fires within 30 years.
  std::optional<std::int64_t> nextAfter(std::int64_t after, const TimeZone& zone) const;

  bool matchesDay(std::int64_t daysSinceEpoch) const;

 private:
  // Every instant whose local time is `naive`: none in a gap (then the gap's end), two in a
  // repeated hour (one unless the hour field is `*`).
  void instantsOf(std::int64_t naive, const TimeZone& zone, std::int64_t out[2], int& count) const;

  std::bitset<60> minutes_;
  std::bitset<24> hours_;
  std::bitset<32> daysOfMonth_;
  std::bitset<13> months_;
  std::bitset<7> daysOfWeek_;
  bool domRestricted_ = false;
  bool dowRestricted_ = false;
  bool everyHour_ = false;

  friend class CronParser;
};

}  // namespace brobyg::schedule
