// person_period's arithmetic for one child (issue 15, DESIGN §5): one row per quarter that
// joins the child's absence summary with the social-service measures active in it.
//
// The rules, each a choice written down where DESIGN leaves one open:
// - A quarter has a row when the child had planned school units in it (absence_summary's
//   quarter rows) or a day under a placement or a preventive measure.
// - School side: the sum of the child's quarter rows of absence_summary over every school,
//   in lessons where the job's source counts lessons and the grade has a plan, else in school
//   days. The flags are computed on the sum, with absence_summary's thresholds.
// - Measures by case_measure's harmonised kind: placement_consent and placement_no_consent are
//   care; early_preventive and support are preventive; investigation, respite_in_placement
//   (respite during a placement, which is recorded as a measure of its own) and unknown count
//   as neither (an unrecognised legal basis is never guessed).
// - Days in care (preventive): calendar days of the quarter under at least one such measure,
//   each day once, up to `until` (the day of the run: days to come are not counted).
// - placement: the harmonised placement type with the most days in care in the quarter; on a
//   tie, the one of the measure that starts last. Empty without one.
// - municipality: that of the enrolment or measure overlapping the quarter that starts last.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/SchoolCalendar.h"
#include "summary/AbsenceSummary.h"
#include "summary/Thresholds.h"

namespace brobyg::summary {

enum class MeasureClass : std::uint8_t { Other = 0, Preventive = 1, Care = 2 };
// case_kind's codes; empty for a code the list does not have.
std::optional<MeasureClass> measureClassOf(std::string_view kind);

// placement_type's codes as the store numbers them (0: none). The numbers are stored: append,
// never reorder (a test checks the table against schemas/codelists.xml).
inline constexpr std::array<const char*, 7> kPlacementCodes = {"",
                                                               "network_foster_family",
                                                               "foster_family",
                                                               "residential_home",
                                                               "boarding_school",
                                                               "own_room",
                                                               "unknown"};
// Its number, or empty for a code the table does not have.
std::optional<int> placementIndexOf(std::string_view code);

struct Measure {
  DayRange days;
  MeasureClass measureClass = MeasureClass::Other;
  int placement = 0;  // kPlacementCodes
  std::string municipality;
};

// An enrolment's days and municipality, for the municipality column.
struct Residence {
  DayRange days;
  std::string municipality;
};

struct PersonPeriodRow {
  DayRange quarter;
  std::string municipality;
  Unit unit = Unit::Days;
  std::int64_t planned = 0;  // 0: not enrolled with school days; no rates or flags then
  std::array<std::int64_t, kCategories> absent{};
  std::optional<bool> unauthWarn, unauthNotify;
  std::int64_t careDays = 0, preventiveDays = 0;
  int placement = 0;  // kPlacementCodes

  std::int64_t totalAbsent() const;
};

// The rows of the quarters that overlap `window`. `summaryRows` are summarisePupil's rows of
// the child over (at least) those quarters.
std::vector<PersonPeriodRow> personPeriods(const std::vector<SummaryRow>& summaryRows,
                                           const std::vector<Residence>& enrolments,
                                           const std::vector<Measure>& measures, DayRange window,
                                           Day until, const Thresholds& thresholds);

}  // namespace brobyg::summary
