#pragma once

#include <memory>
#include <string>

#include "schedule/TimeZone.h"

namespace brobyg::schedule {

// The zone schedules use when a job names none.
inline constexpr const char* kDefaultTimeZone = "Europe/Copenhagen";

// Whether `name` is an IANA zone name this host could look up (letters, digits, '_', '-', '+'
// in '/'-separated parts that start with a letter): checked before it becomes a path.
bool isZoneName(const std::string& name);

// The platform seam for time zone data. On Linux: the TZif file under $TZDIR or
// /usr/share/zoneinfo (Debian's tzdata). Windows has its own implementation (issue 13).
// Throws brobyg::Error naming the zone and what is missing.
std::shared_ptr<const TimeZone> loadTimeZone(const std::string& name);

}  // namespace brobyg::schedule
