#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schedule/PosixTzRule.h"

namespace brobyg::schedule {

// A time zone's UTC offsets through history: the transitions of a TZif file (RFC 8536) and
// the POSIX rule of its footer for the times after the last one. Where the data comes from is
// ZoneDatabase's business (the platform seam).
class TimeZone {
 public:
  static TimeZone utc();
  // Parses a TZif file (version 1 to 4). Throws brobyg::Error naming what is wrong; never
  // reads outside `data`.
  static TimeZone fromTzif(std::string_view data, const std::string& name);

  const std::string& name() const { return name_; }
  // Seconds east of UTC at `utc`. Times beyond ±30,000 years are clamped.
  int offsetAt(std::int64_t utc) const;

  // Local times are never more than this far from UTC (|offset| < 26 h, RFC 8536 §3.2).
  static constexpr int kMaxOffset = 26 * 3600;

 private:
  std::string name_;
  std::vector<std::int64_t> transitions_;  // ascending
  std::vector<int> offsets_;               // in force from the transition of the same index
  int initialOffset_ = 0;                  // before the first transition (time type 0)
  std::optional<PosixTzRule> footer_;

  friend class TzifReader;
};

}  // namespace brobyg::schedule
