#pragma once

#include <cstdint>
#include <string_view>

namespace brobyg::schedule {

// The POSIX TZ rule in a TZif v2+ footer, e.g. "CET-1CEST,M3.5.0,M10.5.0/3": the zone's
// offsets for times after its last listed transition (RFC 8536 §3.3, POSIX.1 TZ).
class PosixTzRule {
 public:
  // Throws brobyg::Error on anything it does not understand. A rule with daylight saving time
  // must give its change dates (no implementation-defined default).
  static PosixTzRule parse(std::string_view text);

  // Seconds east of UTC at `utc` (seconds since the epoch).
  int offsetAt(std::int64_t utc) const;

 private:
  struct ChangeDate {
    enum class Kind { JulianNoLeap, ZeroBasedDay, MonthWeekDay } kind = Kind::MonthWeekDay;
    int month = 0, week = 0, weekday = 0;  // Mm.w.d
    int day = 0;                           // Jn or n
    int time = 7200;                       // local seconds after midnight; may be < 0 or > 24 h
  };
  // The instant the change happens in `year`, given the local offset in force before it.
  static std::int64_t changeInstant(const ChangeDate& date, int year, int offsetBefore);

  int std_ = 0;  // seconds east
  bool hasDst_ = false;
  int dst_ = 0;
  ChangeDate start_, end_;

  friend class PosixTzParser;
};

}  // namespace brobyg::schedule
