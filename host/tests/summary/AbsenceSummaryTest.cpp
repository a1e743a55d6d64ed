// absence_summary's figures against a naive implementation written here: a loop over every day
// of every period, std::chrono's calendar and NaiveCalendar.h, nothing of the product's
// arithmetic. Edge cases by hand (exactly 10 % and 15 %, a change of school mid-quarter,
// holidays, lessons, disagreeing duplicates), then thousands of generated pupils.
#include "summary/AbsenceSummary.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <tuple>

#include "NaiveCalendar.h"

namespace brobyg::summary {
namespace {

using calendar::test::dayNumber;
using calendar::test::NaiveCalendar;
using calendar::test::ymd;
namespace chr = std::chrono;

constexpr int kOnes[5] = {1, 1, 1, 1, 1};
constexpr int kLow[5] = {5, 5, 6, 5, 4};   // lessons, grades 0-5
constexpr int kHigh[5] = {7, 7, 8, 7, 6};  // grades 6-9

// The 2025/26 school year (200 school days) in both calendars.
struct Calendars {
  calendar::SchoolCalendarSpec spec;
  NaiveCalendar naive;
  Calendars() {
    spec.municipality = "101";
    spec.schoolYears.push_back({dayNumber(ymd(2025, 8, 11)), dayNumber(ymd(2026, 6, 26))});
    naive.years.emplace_back(ymd(2025, 8, 11), ymd(2026, 6, 26));
    for (auto [from, to] : {std::pair{ymd(2025, 10, 13), ymd(2025, 10, 17)},
                            {ymd(2025, 12, 22), ymd(2026, 1, 2)},
                            {ymd(2026, 2, 9), ymd(2026, 2, 13)},
                            {ymd(2026, 3, 30), ymd(2026, 4, 6)},
                            {ymd(2026, 5, 15), ymd(2026, 5, 15)},
                            {ymd(2026, 6, 5), ymd(2026, 6, 5)}}) {
      spec.holidays.push_back({dayNumber(from), dayNumber(to)});
      naive.close(from, to);
    }
    for (auto d : {ymd(2026, 4, 2), ymd(2026, 4, 3), ymd(2026, 5, 14), ymd(2026, 5, 25)})
      naive.close(d, d);
    spec.lessons.push_back({0, 5, {5, 5, 6, 5, 4}});
    spec.lessons.push_back({6, 9, {7, 7, 8, 7, 6}});
  }
};

using Key =
    std::tuple<std::string, int, int, std::int64_t, int>;  // school, grade, kind, first, unit
struct Figures {
  std::int64_t planned = 0;
  std::array<std::int64_t, kCategories> absent{};
  std::optional<bool> warn, notify, high;
  bool operator==(const Figures&) const = default;
};

std::map<Key, Figures> product(const std::vector<Enrolment>& enrolments,
                               const std::vector<Absence>& absences, const Calendars& c,
                               DayRange window, bool lessonRows) {
  const calendar::SchoolCalendar calendar(c.spec);
  std::map<Key, Figures> out;
  for (const SummaryRow& r : summarisePupil(enrolments, absences, calendar, window, lessonRows)) {
    Figures& f = out[{r.school, r.grade, static_cast<int>(r.kind),
                      static_cast<std::int64_t>(r.period.first), static_cast<int>(r.unit)}];
    EXPECT_EQ(f.planned, 0) << "one row per key";
    f = {r.planned, r.absent, r.unauthWarn, r.unauthNotify, r.highTotal};
  }
  return out;
}

// The naive side: periods from std::chrono months, a loop over every day.
std::map<Key, Figures> naive(const std::vector<Enrolment>& enrolments,
                             const std::vector<Absence>& absences, const Calendars& c,
                             DayRange window, bool lessonRows) {
  std::vector<std::pair<int, std::pair<std::int64_t, std::int64_t>>> periods;  // kind, first, last
  const chr::year_month_day first{chr::sys_days{chr::days{window.first}}};
  const chr::year_month_day last{chr::sys_days{chr::days{window.last}}};
  for (int y = static_cast<int>(first.year()) - 1; y <= static_cast<int>(last.year()); ++y) {
    for (unsigned q = 0; q < 4; ++q) {
      const std::int64_t from = dayNumber(ymd(y, 3 * q + 1, 1));
      const std::int64_t to =
          (q == 3 ? dayNumber(ymd(y + 1, 1, 1)) : dayNumber(ymd(y, 3 * q + 4, 1))) - 1;
      if (to >= window.first && from <= window.last) periods.push_back({0, {from, to}});
    }
    const std::int64_t from = dayNumber(ymd(y, 8, 1)), to = dayNumber(ymd(y + 1, 7, 31));
    if (to >= window.first && from <= window.last) periods.push_back({1, {from, to}});
  }
  // Which enrolment an absence belongs to: by day, at its own school, else the earliest.
  auto owner = [&](const Absence& a) -> const Enrolment* {
    const Enrolment* found = nullptr;
    for (const Enrolment& e : enrolments) {
      if (a.day < e.days.first || a.day > e.days.last) continue;
      if (e.school == a.school) return &e;
      if (found == nullptr || e.days.first < found->days.first) found = &e;
    }
    return found;
  };
  std::map<Key, Figures> out;
  for (const auto& [kind, range] : periods) {
    for (int unit = 0; unit < 2; ++unit) {
      if (unit == 1 && !lessonRows) continue;
      std::map<std::tuple<std::string, int>, std::set<std::int64_t>> enrolledDays;
      for (const Enrolment& e : enrolments)
        for (std::int64_t d = std::max(range.first, static_cast<std::int64_t>(e.days.first));
             d <= std::min(range.second, static_cast<std::int64_t>(e.days.last)); ++d)
          enrolledDays[{e.school, e.grade}].insert(d);
      for (const auto& [who, days] : enrolledDays) {
        Figures f;
        const int grade = std::get<1>(who);
        if (unit == 1 && grade > 9) continue;
        const int(&plan)[5] = unit == 0 ? kOnes : grade <= 5 ? kLow : kHigh;
        for (std::int64_t d : days) f.planned += c.naive.count(d, d, plan);
        if (f.planned == 0) continue;
        // day (and lesson) -> the most serious category reported
        std::map<std::pair<std::int64_t, int>, int> worst;
        for (const Absence& a : absences) {
          if (static_cast<int>(a.unit) != unit || !days.count(a.day)) continue;
          if (c.naive.count(a.day, a.day) == 0) continue;
          const Enrolment* e = owner(a);
          if (e == nullptr || e->school != std::get<0>(who) || e->grade != grade) continue;
          const auto key =
              std::make_pair(static_cast<std::int64_t>(a.day), unit == 1 ? a.lesson : 0);
          const int category = static_cast<int>(a.category);
          if (!worst.count(key) || category < worst[key]) worst[key] = category;
        }
        for (const auto& [key, category] : worst) ++f.absent[static_cast<std::size_t>(category)];
        std::int64_t total = 0;
        for (auto n : f.absent) total += n;
        if (kind == 0) {
          f.warn = f.absent[0] * 10 >= f.planned;
          f.notify = f.absent[0] * 100 >= f.planned * 15;
        } else {
          f.high = total * 10 > f.planned;
        }
        out[{std::get<0>(who), grade, kind, range.first, unit}] = f;
      }
    }
  }
  return out;
}

Day day(int y, unsigned m, unsigned d) {
  return dayNumber(ymd(y, m, d));
}

Absence absent(Day d, Category category, const std::string& school = "280001") {
  return {d, school, Unit::Days, 0, category};
}

const SummaryRow* find(const std::vector<SummaryRow>& rows, PeriodKind kind, Day inPeriod,
                       const std::string& school, Unit unit = Unit::Days) {
  for (const SummaryRow& r : rows)
    if (r.kind == kind && r.period.contains(inPeriod) && r.school == school && r.unit == unit)
      return &r;
  return nullptr;
}

// Enrolled 2 February - 6 March 2026: 20 school days (winter week 7 is a holiday).
struct TwentyDays : ::testing::Test {
  Calendars c;
  calendar::SchoolCalendar calendar{c.spec};
  std::vector<Enrolment> enrolments{{"280001", 4, {day(2026, 2, 2), day(2026, 3, 6)}}};
  DayRange window{day(2026, 1, 1), day(2026, 3, 31)};

  std::vector<Absence> unauthorisedDays(int n) {
    std::vector<Absence> out;
    for (Day d = day(2026, 2, 2); static_cast<int>(out.size()) < n; ++d)
      if (calendar.isSchoolDay(d)) out.push_back(absent(d, Category::Unauthorised));
    return out;
  }
};

TEST_F(TwentyDays, TheQuarterHasTheEnrolledSchoolDays) {
  const auto rows = summarisePupil(enrolments, {}, calendar, window, false);
  const SummaryRow* q1 = find(rows, PeriodKind::Quarter, day(2026, 2, 2), "280001");
  ASSERT_NE(q1, nullptr);
  EXPECT_EQ(q1->planned, 20);
  EXPECT_EQ(c.naive.count(day(2026, 2, 2), day(2026, 3, 6)), 20);
  EXPECT_EQ(periodLabel(q1->kind, q1->period), "2026Q1");
}

TEST_F(TwentyDays, ExactlyTenPercentWarnsAndExactlyFifteenNotifies) {
  auto q1 = [&](int days) {
    return *find(summarisePupil(enrolments, unauthorisedDays(days), calendar, window, false),
                 PeriodKind::Quarter, day(2026, 2, 2), "280001");
  };
  EXPECT_FALSE(*q1(1).unauthWarn);
  EXPECT_TRUE(*q1(2).unauthWarn) << "2 of 20 is exactly 10 %";
  EXPECT_FALSE(*q1(2).unauthNotify);
  EXPECT_TRUE(*q1(3).unauthNotify) << "3 of 20 is exactly 15 %";
  EXPECT_FALSE(q1(3).highTotal) << "high_total belongs to school-year rows";
}

TEST(AbsenceSummary, HighTotalIsStrictlyAboveTenPercentOfTheSchoolYear) {
  Calendars c;
  const calendar::SchoolCalendar calendar(c.spec);
  const std::vector<Enrolment> enrolled{{"280001", 4, {day(2025, 8, 1), day(2026, 7, 31)}}};
  std::vector<Absence> absences;
  for (Day d = day(2025, 8, 11); absences.size() < 21; ++d)
    if (calendar.isSchoolDay(d))
      absences.push_back(absent(d, absences.size() % 2 ? Category::Sick : Category::Authorised));
  const DayRange year{day(2025, 8, 1), day(2026, 7, 31)};
  auto schoolYear = [&](std::size_t n) {
    const std::vector<Absence> some(absences.begin(),
                                    absences.begin() + static_cast<std::int64_t>(n));
    return *find(summarisePupil(enrolled, some, calendar, year, false), PeriodKind::SchoolYear,
                 day(2025, 9, 1), "280001");
  };
  EXPECT_EQ(schoolYear(20).planned, 200);
  EXPECT_FALSE(*schoolYear(20).highTotal) << "20 of 200 is exactly 10 %: not above";
  EXPECT_TRUE(*schoolYear(21).highTotal);
  EXPECT_EQ(periodLabel(PeriodKind::SchoolYear, schoolYear(21).period), "2025/26");
}

TEST(AbsenceSummary, AChangeOfSchoolMidQuarterGivesARowPerSchoolProrated) {
  Calendars c;
  const calendar::SchoolCalendar calendar(c.spec);
  const std::vector<Enrolment> enrolled{{"280001", 4, {day(2025, 8, 1), day(2025, 11, 14)}},
                                        {"280002", 4, {day(2025, 11, 15), day(2026, 7, 31)}}};
  const std::vector<Absence> absences{absent(day(2025, 11, 13), Category::Unauthorised),
                                      // reported by the old school after the move: counts
                                      // for the school the pupil attended that day
                                      absent(day(2025, 11, 17), Category::Unauthorised),
                                      absent(day(2025, 11, 18), Category::Sick, "280002")};
  const auto rows =
      summarisePupil(enrolled, absences, calendar, {day(2025, 10, 1), day(2025, 12, 31)}, false);
  const SummaryRow* before = find(rows, PeriodKind::Quarter, day(2025, 10, 1), "280001");
  const SummaryRow* after = find(rows, PeriodKind::Quarter, day(2025, 10, 1), "280002");
  ASSERT_TRUE(before && after);
  EXPECT_EQ(before->planned + after->planned, c.naive.count(day(2025, 10, 1), day(2025, 12, 31)));
  EXPECT_EQ(before->planned, c.naive.count(day(2025, 10, 1), day(2025, 11, 14)));
  EXPECT_EQ(before->absent[static_cast<std::size_t>(Category::Unauthorised)], 1);
  EXPECT_EQ(after->absent[static_cast<std::size_t>(Category::Unauthorised)], 1);
  EXPECT_EQ(after->absent[static_cast<std::size_t>(Category::Sick)], 1);
}

TEST(AbsenceSummary, HolidaysWeekendsAndDaysOutsideEnrolmentDoNotCount) {
  Calendars c;
  const calendar::SchoolCalendar calendar(c.spec);
  const std::vector<Enrolment> enrolled{{"280001", 4, {day(2025, 10, 1), day(2025, 12, 31)}}};
  const std::vector<Absence> absences{absent(day(2025, 10, 14), Category::Sick),   // autumn
                                      absent(day(2025, 10, 18), Category::Sick),   // Saturday
                                      absent(day(2025, 9, 30), Category::Sick),    // not enrolled
                                      absent(day(2025, 10, 20), Category::Sick)};  // counts
  const auto rows =
      summarisePupil(enrolled, absences, calendar, {day(2025, 10, 1), day(2025, 12, 31)}, false);
  const SummaryRow* q4 = find(rows, PeriodKind::Quarter, day(2025, 10, 1), "280001");
  ASSERT_NE(q4, nullptr);
  EXPECT_EQ(q4->totalAbsent(), 1);
}

TEST(AbsenceSummary, ADayReportedTwiceCountsOnceAsItsMostSeriousCategory) {
  Calendars c;
  const calendar::SchoolCalendar calendar(c.spec);
  const std::vector<Enrolment> enrolled{{"280001", 4, {day(2025, 10, 1), day(2025, 12, 31)}}};
  const std::vector<Absence> absences{absent(day(2025, 10, 20), Category::Sick),
                                      absent(day(2025, 10, 20), Category::Unauthorised),
                                      absent(day(2025, 10, 20), Category::Authorised)};
  const auto rows =
      summarisePupil(enrolled, absences, calendar, {day(2025, 10, 1), day(2025, 12, 31)}, false);
  const SummaryRow* q4 = find(rows, PeriodKind::Quarter, day(2025, 10, 1), "280001");
  ASSERT_NE(q4, nullptr);
  EXPECT_EQ(q4->totalAbsent(), 1);
  EXPECT_EQ(q4->absent[static_cast<std::size_t>(Category::Unauthorised)], 1);
}

TEST(AbsenceSummary, LessonRowsUseTheGradesPlan) {
  Calendars c;
  const calendar::SchoolCalendar calendar(c.spec);
  const std::vector<Enrolment> enrolled{{"280001", 7, {day(2025, 10, 1), day(2025, 12, 31)}}};
  const std::vector<Absence> absences{
      {day(2025, 10, 22), "280001", Unit::Lessons, 1, Category::Sick},
      {day(2025, 10, 22), "280001", Unit::Lessons, 2, Category::Sick},
      {day(2025, 10, 22), "280001", Unit::Lessons, 2, Category::Unauthorised}};
  const auto rows =
      summarisePupil(enrolled, absences, calendar, {day(2025, 10, 1), day(2025, 12, 31)}, true);
  const SummaryRow* lessons =
      find(rows, PeriodKind::Quarter, day(2025, 10, 1), "280001", Unit::Lessons);
  ASSERT_NE(lessons, nullptr);
  EXPECT_EQ(lessons->planned, c.naive.count(day(2025, 10, 1), day(2025, 12, 31), kHigh));
  EXPECT_EQ(lessons->absent[static_cast<std::size_t>(Category::Sick)], 1);
  EXPECT_EQ(lessons->absent[static_cast<std::size_t>(Category::Unauthorised)], 1);
  EXPECT_NE(find(rows, PeriodKind::Quarter, day(2025, 10, 1), "280001", Unit::Days), nullptr);
}

// Generated pupils: 1-3 enrolments (a move, a grade change, a duplicate record of the same
// enrolment), absences by day and by lesson on any day of the year, some on the same day.
TEST(AbsenceSummary, GeneratedPupilsAgreeWithTheNaiveSummary) {
  Calendars c;
  std::mt19937 random(1512);
  const Day yearFirst = day(2025, 8, 1), yearLast = day(2026, 7, 31);
  std::uniform_int_distribution<Day> anyDay(yearFirst, yearLast);
  std::uniform_int_distribution<int> small(0, 3);
  const std::vector<std::string> schools{"280001", "280002", "280003"};
  const DayRange window{day(2025, 7, 1), day(2026, 9, 30)};
  std::size_t rows = 0;
  for (int pupil = 0; pupil < 400; ++pupil) {
    std::vector<Enrolment> enrolments;
    Day from = yearFirst - small(random) * 20;
    const int moves = 1 + small(random) % 3;
    for (int m = 0; m < moves; ++m) {
      const Day to = m + 1 == moves ? yearLast + small(random) * 20 : anyDay(random);
      if (to < from) break;
      enrolments.push_back(
          {schools[static_cast<std::size_t>(small(random)) % 3], small(random) * 3, {from, to}});
      if (small(random) == 0) enrolments.push_back(enrolments.back());  // a duplicate record
      from = to + 1;
    }
    std::vector<Absence> absences;
    const int n = std::uniform_int_distribution<int>(0, 60)(random);
    for (int i = 0; i < n; ++i) {
      const Unit unit = pupil % 3 == 0 && small(random) == 0 ? Unit::Lessons : Unit::Days;
      absences.push_back({anyDay(random), schools[static_cast<std::size_t>(small(random)) % 3],
                          unit, 1 + small(random), static_cast<Category>(small(random))});
      if (small(random) == 0) {
        absences.push_back(absences.back());
        absences.back().category = static_cast<Category>(small(random));
      }
    }
    const bool lessonRows = pupil % 3 == 0;
    const auto expected = naive(enrolments, absences, c, window, lessonRows);
    const auto actual = product(enrolments, absences, c, window, lessonRows);
    ASSERT_EQ(actual, expected) << "pupil " << pupil;
    rows += actual.size();
  }
  EXPECT_GT(rows, 2000u) << "the generator should cover many rows";
}

}  // namespace
}  // namespace brobyg::summary
