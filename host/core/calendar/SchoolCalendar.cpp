#include "calendar/SchoolCalendar.h"

#include <algorithm>
#include <unordered_set>

#include "schedule/CivilTime.h"

namespace brobyg::calendar {

namespace {

constexpr int kAll = 5;

// The public holidays of every year the school years touch.
std::unordered_set<Day> publicHolidaysIn(const std::vector<DayRange>& years) {
  std::unordered_set<Day> out;
  for (const DayRange& range : years) {
    if (range.empty()) continue;
    const int from = schedule::civilFromDays(range.first).year;
    const int to = schedule::civilFromDays(range.last).year;
    for (int year = from; year <= to; ++year)
      for (Day d : danishPublicHolidays(year)) out.insert(d);
  }
  return out;
}

}  // namespace

int isoWeekdayIndex(Day day) {
  return (schedule::weekdayFromDays(day) + 6) % 7;
}

SchoolCalendar::SchoolCalendar(SchoolCalendarSpec spec) : spec_(std::move(spec)) {
  std::sort(spec_.schoolYears.begin(), spec_.schoolYears.end(),
            [](const DayRange& a, const DayRange& b) { return a.first < b.first; });
  std::erase_if(spec_.schoolYears, [](const DayRange& r) { return r.empty(); });
  if (spec_.schoolYears.empty()) return;
  origin_ = spec_.schoolYears.front().first;
  const Day end = spec_.schoolYears.back().last + 1;
  std::vector<char> school(static_cast<std::size_t>(end - origin_), 0);
  for (const DayRange& year : spec_.schoolYears)
    for (Day d = year.first; d <= year.last; ++d)
      school[static_cast<std::size_t>(d - origin_)] = isoWeekdayIndex(d) < 5;
  auto clear = [&](Day d) {
    if (d >= origin_ && d < end) school[static_cast<std::size_t>(d - origin_)] = 0;
  };
  for (const DayRange& holiday : spec_.holidays)
    for (Day d = std::max(holiday.first, origin_); d <= std::min(holiday.last, end - 1); ++d)
      clear(d);
  for (Day d : spec_.closingDays) clear(d);
  if (spec_.danishPublicHolidays)
    for (Day d : publicHolidaysIn(spec_.schoolYears)) clear(d);
  for (auto& counts : countBefore_) counts.assign(school.size() + 1, 0);
  for (std::size_t i = 0; i < school.size(); ++i) {
    const int weekday = isoWeekdayIndex(origin_ + static_cast<Day>(i));
    for (int w = 0; w <= kAll; ++w)
      countBefore_[w][i + 1] =
          countBefore_[w][i] + (school[i] != 0 && (w == kAll || w == weekday) ? 1 : 0);
  }
}

std::int64_t SchoolCalendar::before(Day day, int weekday) const {
  const auto& counts = countBefore_[static_cast<std::size_t>(weekday)];
  if (counts.empty() || day <= origin_) return 0;
  const auto index =
      std::min<std::size_t>(static_cast<std::size_t>(day - origin_), counts.size() - 1);
  return counts[index];
}

bool SchoolCalendar::isSchoolDay(Day day) const {
  return schoolDays({day, day}) == 1;
}

int SchoolCalendar::schoolDays(DayRange range) const {
  if (range.empty()) return 0;
  return static_cast<int>(before(range.last + 1, kAll) - before(range.first, kAll));
}

std::optional<DayRange> SchoolCalendar::schoolYearOf(Day day) const {
  for (const DayRange& year : spec_.schoolYears)
    if (year.contains(day)) return year;
  return std::nullopt;
}

std::optional<std::int64_t> SchoolCalendar::plannedLessons(DayRange range, int grade) const {
  for (const PlannedLessons& plan : spec_.lessons) {
    if (grade < plan.firstGrade || grade > plan.lastGrade) continue;
    if (range.empty()) return 0;
    std::int64_t total = 0;
    for (int w = 0; w < 5; ++w)
      total += plan.perWeekday[static_cast<std::size_t>(w)] *
               (before(range.last + 1, w) - before(range.first, w));
    return total;
  }
  return std::nullopt;
}

}  // namespace brobyg::calendar
