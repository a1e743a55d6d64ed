// A municipality's school calendar: which days are school days, and how many lessons a grade
// has planned on each. absence_summary's rates are absent days (or lessons) divided by the
// school days (or planned lessons) a pupil was enrolled, as STIL computes them, so every rate
// stands on this.
//
// A school day is a weekday (Monday to Friday) inside a school year that is not a holiday, a
// closing day or (when enabled) a Danish public holiday. The calendar is immutable: built once
// from its specification, it answers counts over any range in constant time.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "calendar/DanishHolidays.h"

namespace brobyg::calendar {

// Inclusive on both ends.
struct DayRange {
  Day first = 0;
  Day last = -1;
  bool contains(Day day) const { return first <= day && day <= last; }
  bool empty() const { return last < first; }
};

// Lessons planned per weekday (Monday..Friday) for the grades first..last (0 = børnehaveklasse).
struct PlannedLessons {
  int firstGrade = 0;
  int lastGrade = 10;
  std::array<int, 5> perWeekday{};
};

struct SchoolCalendarSpec {
  std::string municipality;  // canonical 3-digit kommunekode
  std::vector<DayRange> schoolYears;
  std::vector<DayRange> holidays;
  std::vector<Day> closingDays;
  bool danishPublicHolidays = true;
  std::vector<PlannedLessons> lessons;
};

class SchoolCalendar {
 public:
  // The spec must be consistent (the configuration reader checks it): school years do not
  // overlap, grade ranges do not overlap.
  explicit SchoolCalendar(SchoolCalendarSpec spec);

  const std::string& municipality() const { return spec_.municipality; }
  const std::vector<DayRange>& schoolYears() const { return spec_.schoolYears; }

  bool isSchoolDay(Day day) const;
  // School days in `range` (days outside every school year count as none).
  int schoolDays(DayRange range) const;
  // The school year holding `day`, if any.
  std::optional<DayRange> schoolYearOf(Day day) const;
  // Lessons `grade` has planned in `range`: its weekday plan summed over the school days.
  // Empty when no <lessons> covers the grade.
  std::optional<std::int64_t> plannedLessons(DayRange range, int grade) const;

 private:
  // Prefix counts over [origin_, origin_ + size): school days before each day, and per weekday.
  std::int64_t before(Day day, int weekday) const;

  SchoolCalendarSpec spec_;
  Day origin_ = 0;
  // countBefore_[w][i]: school days that are weekday w (0 = Monday .. 4 = Friday, 5 = all)
  // among origin_ .. origin_ + i - 1.
  std::array<std::vector<std::int32_t>, 6> countBefore_;
};

// 0 = Monday ... 6 = Sunday.
int isoWeekdayIndex(Day day);

}  // namespace brobyg::calendar
