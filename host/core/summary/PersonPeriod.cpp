#include "summary/PersonPeriod.h"

#include <algorithm>
#include <map>

namespace brobyg::summary {

namespace {

DayRange intersect(DayRange a, DayRange b) {
  return {std::max(a.first, b.first), std::min(a.last, b.last)};
}

// Days of `within` covered by at least one of `ranges`, each day once.
std::int64_t coveredDays(std::vector<DayRange> ranges, DayRange within) {
  for (DayRange& r : ranges) r = intersect(r, within);
  std::erase_if(ranges, [](const DayRange& r) { return r.empty(); });
  std::sort(ranges.begin(), ranges.end(),
            [](const DayRange& a, const DayRange& b) { return a.first < b.first; });
  std::int64_t days = 0;
  Day next = within.first;  // the first day not yet counted
  for (const DayRange& r : ranges) {
    const Day from = std::max(r.first, next);
    if (from > r.last) continue;
    days += r.last - from + 1;
    next = r.last + 1;
  }
  return days;
}

std::vector<DayRange> daysOf(const std::vector<Measure>& measures, MeasureClass measureClass,
                             int placement = -1) {
  std::vector<DayRange> out;
  for (const Measure& m : measures)
    if (m.measureClass == measureClass && (placement < 0 || m.placement == placement))
      out.push_back(m.days);
  return out;
}

int placementOf(const std::vector<Measure>& measures, DayRange counted) {
  int best = 0;
  std::int64_t bestDays = 0;
  Day bestStart = 0;
  for (int code = 1; code < static_cast<int>(kPlacementCodes.size()); ++code) {
    const std::int64_t days = coveredDays(daysOf(measures, MeasureClass::Care, code), counted);
    if (days == 0) continue;
    Day start = 0;
    for (const Measure& m : measures)
      if (m.measureClass == MeasureClass::Care && m.placement == code &&
          !intersect(m.days, counted).empty())
        start = std::max(start, m.days.first);
    if (days > bestDays || (days == bestDays && start > bestStart)) {
      best = code;
      bestDays = days;
      bestStart = start;
    }
  }
  return best;
}

std::string municipalityOf(const std::vector<Residence>& enrolments,
                           const std::vector<Measure>& measures, DayRange quarter) {
  std::string found;
  std::optional<Day> latest;
  auto consider = [&](DayRange days, const std::string& municipality) {
    if (intersect(days, quarter).empty() || (latest && days.first < *latest)) return;
    latest = days.first;
    found = municipality;
  };
  for (const Residence& e : enrolments) consider(e.days, e.municipality);
  for (const Measure& m : measures) consider(m.days, m.municipality);
  return found;
}

// The school side of one quarter: absence_summary's quarter rows of every school, summed.
void addSchool(PersonPeriodRow& row, const std::vector<SummaryRow>& summaryRows,
               const Thresholds& thresholds) {
  const bool lessons = std::any_of(summaryRows.begin(), summaryRows.end(), [&](const auto& s) {
    return s.kind == PeriodKind::Quarter && s.period.first == row.quarter.first &&
           s.unit == Unit::Lessons;
  });
  SummaryRow sum;
  sum.kind = PeriodKind::Quarter;
  sum.unit = lessons ? Unit::Lessons : Unit::Days;
  for (const SummaryRow& s : summaryRows) {
    if (s.kind != PeriodKind::Quarter || s.period.first != row.quarter.first || s.unit != sum.unit)
      continue;
    sum.planned += s.planned;
    for (std::size_t c = 0; c < kCategories; ++c) sum.absent[c] += s.absent[c];
  }
  row.unit = sum.unit;
  row.planned = sum.planned;
  row.absent = sum.absent;
  if (sum.planned == 0) return;
  setFlags(sum, thresholds);
  row.unauthWarn = sum.unauthWarn;
  row.unauthNotify = sum.unauthNotify;
}

}  // namespace

std::optional<MeasureClass> measureClassOf(std::string_view kind) {
  if (kind == "placement_consent" || kind == "placement_no_consent") return MeasureClass::Care;
  if (kind == "early_preventive" || kind == "support") return MeasureClass::Preventive;
  if (kind == "investigation" || kind == "respite_in_placement" || kind == "unknown")
    return MeasureClass::Other;
  return std::nullopt;
}

std::optional<int> placementIndexOf(std::string_view code) {
  for (std::size_t i = 0; i < kPlacementCodes.size(); ++i)
    if (code == kPlacementCodes[i]) return static_cast<int>(i);
  return std::nullopt;
}

std::int64_t PersonPeriodRow::totalAbsent() const {
  return totalOf(absent);
}

std::vector<PersonPeriodRow> personPeriods(const std::vector<SummaryRow>& summaryRows,
                                           const std::vector<Residence>& enrolments,
                                           const std::vector<Measure>& measures, DayRange window,
                                           Day until, const Thresholds& thresholds) {
  std::vector<PersonPeriodRow> rows;
  if (window.empty()) return rows;
  for (DayRange quarter = quarterOf(window.first); quarter.first <= window.last;
       quarter = quarterOf(quarter.last + 1)) {
    PersonPeriodRow row;
    row.quarter = quarter;
    addSchool(row, summaryRows, thresholds);
    const DayRange counted{quarter.first, std::min(quarter.last, until)};
    row.careDays = coveredDays(daysOf(measures, MeasureClass::Care), counted);
    row.preventiveDays = coveredDays(daysOf(measures, MeasureClass::Preventive), counted);
    if (row.planned == 0 && row.careDays == 0 && row.preventiveDays == 0) continue;
    row.placement = placementOf(measures, counted);
    row.municipality = municipalityOf(enrolments, measures, quarter);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace brobyg::summary
