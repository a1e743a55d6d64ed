#include "summary/AbsenceSummary.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <map>
#include <tuple>

#include "schedule/CivilTime.h"

namespace brobyg::summary {

namespace {

// Same school and grade, overlapping or adjacent: one enrolment, so no day counts twice.
std::vector<Enrolment> merged(std::vector<Enrolment> enrolments) {
  std::erase_if(enrolments, [](const Enrolment& e) { return e.days.empty(); });
  std::sort(enrolments.begin(), enrolments.end(), [](const Enrolment& a, const Enrolment& b) {
    return std::tie(a.school, a.grade, a.days.first) < std::tie(b.school, b.grade, b.days.first);
  });
  std::vector<Enrolment> out;
  for (const Enrolment& e : enrolments) {
    if (!out.empty() && out.back().school == e.school && out.back().grade == e.grade &&
        e.days.first <= out.back().days.last + 1) {
      out.back().days.last = std::max(out.back().days.last, e.days.last);
      continue;
    }
    out.push_back(e);
  }
  std::stable_sort(out.begin(), out.end(), [](const Enrolment& a, const Enrolment& b) {
    return a.days.first < b.days.first;
  });
  return out;
}

// The enrolment an absence counts for: one holding its day, at its own school if one is.
std::optional<std::size_t> enrolmentOf(const Absence& a, const std::vector<Enrolment>& enrolments) {
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < enrolments.size(); ++i) {
    if (!enrolments[i].days.contains(a.day)) continue;
    if (enrolments[i].school == a.school) return i;
    if (!found) found = i;
  }
  return found;
}

// One unit of absence after deduplication: its enrolment, unit, day, lesson, category.
struct Counted {
  std::size_t enrolment;
  Unit unit;
  Day day;
  Category category;
};

std::vector<Counted> countedAbsences(const std::vector<Absence>& absences,
                                     const std::vector<Enrolment>& enrolments,
                                     const calendar::SchoolCalendar& calendar) {
  std::map<std::tuple<std::size_t, int, Day, int>, Category> seen;
  for (const Absence& a : absences) {
    if (!calendar.isSchoolDay(a.day)) continue;
    auto enrolment = enrolmentOf(a, enrolments);
    if (!enrolment) continue;
    const auto key = std::make_tuple(*enrolment, static_cast<int>(a.unit), a.day,
                                     a.unit == Unit::Lessons ? a.lesson : 0);
    auto [it, inserted] = seen.emplace(key, a.category);
    if (!inserted) it->second = std::min(it->second, a.category);  // the most serious
  }
  std::vector<Counted> out;
  out.reserve(seen.size());
  for (const auto& [key, category] : seen)
    out.push_back(
        {std::get<0>(key), static_cast<Unit>(std::get<1>(key)), std::get<2>(key), category});
  return out;
}

// `counted` is in (enrolment, unit, day) order, as countedAbsences' map leaves it: the first
// entry of that enrolment and unit on or after `day`, found by bisection, so each row reads
// only its own absences.
std::vector<Counted>::const_iterator firstAtOrAfter(const std::vector<Counted>& counted,
                                                    std::size_t enrolment, Unit unit, Day day) {
  return std::lower_bound(counted.begin(), counted.end(), std::make_tuple(enrolment, unit, day),
                          [](const Counted& c, const std::tuple<std::size_t, Unit, Day>& key) {
                            return std::make_tuple(c.enrolment, c.unit, c.day) < key;
                          });
}

DayRange intersect(DayRange a, DayRange b) {
  return {std::max(a.first, b.first), std::min(a.last, b.last)};
}

// At least `basisPoints` / 10000 of `planned` (or strictly more when `strictly`).
bool reaches(std::int64_t part, std::int64_t planned, int basisPoints, bool strictly) {
  const std::int64_t lhs = part * 10000, rhs = planned * basisPoints;
  return strictly ? lhs > rhs : lhs >= rhs;
}

DayRange nextPeriod(PeriodKind kind, DayRange period) {
  return kind == PeriodKind::Quarter ? quarterOf(period.last + 1) : schoolYearOf(period.last + 1);
}

}  // namespace

std::optional<Category> categoryFromCode(const std::string& code) {
  if (code == "unauthorised") return Category::Unauthorised;
  if (code == "unknown") return Category::Unknown;
  if (code == "authorised") return Category::Authorised;
  if (code == "sick") return Category::Sick;
  return std::nullopt;
}

void setFlags(SummaryRow& row, const Thresholds& t) {
  const std::int64_t unauthorised = row.absent[static_cast<std::size_t>(Category::Unauthorised)];
  if (row.kind == PeriodKind::Quarter) {
    row.unauthWarn = reaches(unauthorised, row.planned, t.unauthWarn, false);
    row.unauthNotify = reaches(unauthorised, row.planned, t.unauthNotify, false);
  } else {
    row.highTotal = reaches(row.totalAbsent(), row.planned, t.highTotal, true);
  }
}

std::int64_t totalOf(const std::array<std::int64_t, kCategories>& absent) {
  std::int64_t total = 0;
  for (std::int64_t n : absent) total += n;
  return total;
}

std::int64_t SummaryRow::totalAbsent() const {
  return totalOf(absent);
}

std::optional<std::int64_t> rateHundredths(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return std::nullopt;
  // part / whole * 10000, plus one half before truncating.
  return (part * 20000 + whole) / (2 * whole);
}

std::string formatRate(std::int64_t hundredths) {
  char text[32];
  std::snprintf(text, sizeof text, "%" PRId64 ".%02" PRId64, hundredths / 100, hundredths % 100);
  return text;
}

DayRange quarterOf(Day day) {
  const schedule::CivilTime date = schedule::civilFromDays(day);
  const int firstMonth = (date.month - 1) / 3 * 3 + 1;
  const Day first = schedule::daysFromCivil(date.year, firstMonth, 1);
  const Day next = firstMonth == 10 ? schedule::daysFromCivil(date.year + 1, 1, 1)
                                    : schedule::daysFromCivil(date.year, firstMonth + 3, 1);
  return {first, next - 1};
}

DayRange schoolYearOf(Day day) {
  const schedule::CivilTime date = schedule::civilFromDays(day);
  const int startYear = date.month >= 8 ? date.year : date.year - 1;
  return {schedule::daysFromCivil(startYear, 8, 1),
          schedule::daysFromCivil(startYear + 1, 8, 1) - 1};
}

std::string periodLabel(PeriodKind kind, DayRange period) {
  const schedule::CivilTime start = schedule::civilFromDays(period.first);
  if (kind == PeriodKind::Quarter)
    return std::to_string(start.year) + "Q" + std::to_string((start.month - 1) / 3 + 1);
  const int next = (start.year + 1) % 100;
  return std::to_string(start.year) + "/" + (next < 10 ? "0" : "") + std::to_string(next);
}

std::vector<SummaryRow> summarisePupil(const std::vector<Enrolment>& enrolmentList,
                                       const std::vector<Absence>& absences,
                                       const calendar::SchoolCalendar& calendar, DayRange window,
                                       bool lessonRows, const Thresholds& thresholds) {
  const std::vector<Enrolment> enrolments = merged(enrolmentList);
  const std::vector<Counted> counted = countedAbsences(absences, enrolments, calendar);
  std::vector<SummaryRow> rows;
  if (window.empty()) return rows;
  for (PeriodKind kind : {PeriodKind::Quarter, PeriodKind::SchoolYear}) {
    DayRange period =
        kind == PeriodKind::Quarter ? quarterOf(window.first) : schoolYearOf(window.first);
    for (; period.first <= window.last; period = nextPeriod(kind, period)) {
      std::map<std::tuple<std::string, int, int>, SummaryRow> byKey;
      for (std::size_t i = 0; i < enrolments.size(); ++i) {
        const DayRange share = intersect(period, enrolments[i].days);
        if (share.empty()) continue;
        for (Unit unit : {Unit::Days, Unit::Lessons}) {
          if (unit == Unit::Lessons && !lessonRows) continue;
          const std::optional<std::int64_t> planned =
              unit == Unit::Days ? std::optional<std::int64_t>(calendar.schoolDays(share))
                                 : calendar.plannedLessons(share, enrolments[i].grade);
          if (!planned || *planned == 0) continue;
          SummaryRow& row =
              byKey[{enrolments[i].school, enrolments[i].grade, static_cast<int>(unit)}];
          row.school = enrolments[i].school;
          row.grade = enrolments[i].grade;
          row.kind = kind;
          row.period = period;
          row.unit = unit;
          row.planned += *planned;
          for (auto c = firstAtOrAfter(counted, i, unit, share.first);
               c != counted.end() && c->enrolment == i && c->unit == unit && c->day <= share.last;
               ++c)
            ++row.absent[static_cast<std::size_t>(c->category)];
        }
      }
      for (auto& [key, row] : byKey) {
        setFlags(row, thresholds);
        rows.push_back(std::move(row));
      }
    }
  }
  return rows;
}

}  // namespace brobyg::summary
