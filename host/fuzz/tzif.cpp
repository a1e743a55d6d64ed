// Fuzz target: the TZif reader and the POSIX TZ rule of its footer (schedule/TzifReader.cpp,
// PosixTzRule.cpp): outside input from the zone database. A file it accepts must answer
// offsets under 26 hours at any time, and a cron search in it must end.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "schedule/CronExpression.h"
#include "schedule/TimeZone.h"
#include "util/Error.h"

namespace {
void require(bool ok) {
  if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace brobyg::schedule;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::optional<TimeZone> zone;
  try {
    zone = TimeZone::fromTzif(bytes, "fuzz");
  } catch (const brobyg::Error&) {
    return 0;
  }
  for (std::int64_t at : {std::int64_t{-5000000000}, std::int64_t{0}, std::int64_t{1774746000},
                          std::int64_t{4102444800}, INT64_MIN, INT64_MAX}) {
    const int offset = zone->offsetAt(at);
    require(offset > -TimeZone::kMaxOffset && offset < TimeZone::kMaxOffset);
  }
  static const CronExpression halfPastTwo = CronExpression::parse("30 2 * * *");
  std::int64_t at = 1774652400;  // 2026-03-28
  for (int i = 0; i < 3; ++i) {
    const auto next = halfPastTwo.nextAfter(at, *zone);
    if (!next) break;
    require(*next > at);
    at = *next;
  }
  return 0;
}
