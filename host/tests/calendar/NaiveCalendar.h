// A second, deliberately naive school calendar for the tests: std::chrono's own calendar
// types, a set of closed days, and a loop over every day. Nothing from the product's
// calendar (prefix counts, Day arithmetic) is used, so the two can disagree.
#pragma once

#include <chrono>
#include <cstdint>
#include <set>
#include <utility>
#include <vector>

namespace brobyg::calendar::test {

using std::chrono::sys_days;
using std::chrono::year_month_day;

inline year_month_day ymd(int y, unsigned m, unsigned d) {
  return year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

inline std::int64_t dayNumber(year_month_day date) {
  return static_cast<std::int64_t>(sys_days{date}.time_since_epoch().count());
}

struct NaiveCalendar {
  std::vector<std::pair<year_month_day, year_month_day>> years;
  std::set<std::int64_t> closed;  // holidays, closing days and public holidays, as day numbers

  void close(year_month_day from, year_month_day to) {
    for (sys_days d{from}; d <= sys_days{to}; d += std::chrono::days{1})
      closed.insert(static_cast<std::int64_t>(d.time_since_epoch().count()));
  }

  bool isSchoolDay(sys_days d) const {
    const std::chrono::weekday w{d};
    if (w == std::chrono::Saturday || w == std::chrono::Sunday) return false;
    if (closed.count(static_cast<std::int64_t>(d.time_since_epoch().count())) != 0) return false;
    for (const auto& [from, to] : years)
      if (sys_days{from} <= d && d <= sys_days{to}) return true;
    return false;
  }

  // `perWeekday` Monday..Friday, or all ones to count days.
  std::int64_t count(std::int64_t first, std::int64_t last,
                     const int (&perWeekday)[5] = {1, 1, 1, 1, 1}) const {
    std::int64_t total = 0;
    for (std::int64_t n = first; n <= last; ++n) {
      const sys_days d{std::chrono::days{n}};
      if (!isSchoolDay(d)) continue;
      total += perWeekday[std::chrono::weekday{d}.iso_encoding() - 1];
    }
    return total;
  }
};

}  // namespace brobyg::calendar::test
