// absence_summary's arithmetic for one pupil (issue 15, DESIGN §5): from the pupil's
// enrolments and absences and the municipality's school calendar, one row per school, period
// and unit (day or lesson) with planned units, absent units per category and the flags.
//
// The rules, each a choice written down where the law or STIL leaves one open:
// - A row covers the days a period (calendar quarter, or school year 1 August - 31 July) and
//   an enrolment share. A pupil who changes school mid-period gets a row per school, each
//   with the school days of its own enrolment (prorated, as STIL does).
// - Planned units: the calendar's school days in that window (unit day), or its planned
//   lessons for the enrolment's grade (unit lesson). A window without any is no row.
// - An absence counts when it falls on a school day inside an enrolment. Where enrolments
//   overlap, the one at the absence's own school takes it, else the earliest.
// - A day (or a day's lesson) counts once. When sources disagree on its category, the most
//   serious wins: unauthorised, then unknown, authorised, sick; so a flag is never missed
//   because of a duplicate.
// - Flags compare exact fractions (no floating point): unauth_warn when unauthorised ≥ 10 %
//   of a quarter's planned units, unauth_notify when ≥ 15 %, high_total when all absence
//   > 10 % of a school year's. A flag that does not belong to the row's period is empty.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "calendar/SchoolCalendar.h"
#include "summary/Thresholds.h"

namespace brobyg::summary {

using calendar::Day;
using calendar::DayRange;

// In order of precedence when two reports of one day disagree (most serious first).
enum class Category { Unauthorised = 0, Unknown = 1, Authorised = 2, Sick = 3 };
constexpr std::size_t kCategories = 4;
// absence_event's codes: "unauthorised", "unknown", "authorised", "sick".
std::optional<Category> categoryFromCode(const std::string& code);

enum class Unit { Days, Lessons };
enum class PeriodKind { Quarter, SchoolYear };

struct Enrolment {
  std::string school;  // institution number
  int grade = 0;
  DayRange days;  // from, to (inclusive)
};

struct Absence {
  Day day = 0;
  std::string school;  // as the source reported it
  Unit unit = Unit::Days;
  int lesson = 0;  // 1.. for Unit::Lessons
  Category category = Category::Unknown;
};

struct SummaryRow {
  std::string school;
  int grade = 0;
  PeriodKind kind = PeriodKind::Quarter;
  DayRange period;  // the whole quarter or school year
  Unit unit = Unit::Days;
  std::int64_t planned = 0;
  std::array<std::int64_t, kCategories> absent{};  // by Category
  std::optional<bool> unauthWarn, unauthNotify, highTotal;

  std::int64_t totalAbsent() const;
};

// Units absent in all (the four categories).
std::int64_t totalOf(const std::array<std::int64_t, kCategories>& absent);
// part / whole in percent, in hundredths, rounded half up: 3 of 19 is 1579 (15.79 %); empty
// when `whole` is 0. The rates of every dataset and table come from here.
std::optional<std::int64_t> rateHundredths(std::int64_t part, std::int64_t whole);
// 1579 → "15.79".
std::string formatRate(std::int64_t hundredths);

// The row's flags from its counts: those of its period kind set, the others empty.
void setFlags(SummaryRow& row, const Thresholds& thresholds);

// The quarter and the school year holding `day`.
DayRange quarterOf(Day day);
DayRange schoolYearOf(Day day);
// "2026Q3", "2026/27".
std::string periodLabel(PeriodKind kind, DayRange period);

// Every row of one pupil for the periods that overlap `window`, in order of period kind,
// period, school and unit. Rows by lesson too when `lessonRows` (the source reports lessons:
// every pupil of it gets them, with or without a lesson absence), for grades with a plan.
std::vector<SummaryRow> summarisePupil(const std::vector<Enrolment>& enrolments,
                                       const std::vector<Absence>& absences,
                                       const calendar::SchoolCalendar& calendar, DayRange window,
                                       bool lessonRows, const Thresholds& thresholds = {});

}  // namespace brobyg::summary
