// person_period's figures against a naive implementation written here: a loop over every day of
// every quarter with NaiveCalendar.h and std::chrono, nothing of the product's interval
// arithmetic. Edge cases by hand (a measure across a quarter's edge, days to come, overlapping
// measures, the placement with most days, a change of school, lessons), then generated
// children. The codes the store numbers are checked against schemas/codelists.xml.
#include "summary/PersonPeriod.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <random>
#include <set>

#include "NaiveCalendar.h"
#include "dataset/CodeLists.h"

namespace brobyg::summary {
namespace {

using calendar::test::dayNumber;
using calendar::test::NaiveCalendar;
using calendar::test::ymd;

Day day(int y, unsigned m, unsigned d) {
  return dayNumber(ymd(y, m, d));
}

// The 2025/26 school year with its holidays, in both calendars.
struct Calendars {
  calendar::SchoolCalendarSpec spec;
  NaiveCalendar naive;
  Calendars() {
    spec.municipality = "101";
    spec.schoolYears.push_back({day(2025, 8, 11), day(2026, 6, 26)});
    naive.years.emplace_back(ymd(2025, 8, 11), ymd(2026, 6, 26));
    for (auto [from, to] : {std::pair{ymd(2025, 10, 13), ymd(2025, 10, 17)},
                            {ymd(2025, 12, 22), ymd(2026, 1, 2)},
                            {ymd(2026, 2, 9), ymd(2026, 2, 13)}}) {
      spec.holidays.push_back({dayNumber(from), dayNumber(to)});
      naive.close(from, to);
    }
    for (auto d :
         {ymd(2026, 4, 2), ymd(2026, 4, 3), ymd(2026, 4, 6), ymd(2026, 5, 14), ymd(2026, 5, 25)})
      naive.close(d, d);
    spec.lessons.push_back({0, 9, {6, 6, 6, 6, 5}});
  }
};

std::vector<PersonPeriodRow> product(const Calendars& c, const std::vector<Enrolment>& enrolments,
                                     const std::vector<Absence>& absences,
                                     const std::vector<Measure>& measures, DayRange window,
                                     Day until, bool lessons = false) {
  const calendar::SchoolCalendar calendar(c.spec);
  std::vector<Residence> residences;
  for (const Enrolment& e : enrolments) residences.push_back({e.days, "101"});
  return personPeriods(summarisePupil(enrolments, absences, calendar, window, lessons), residences,
                       measures, window, until, Thresholds{});
}

const PersonPeriodRow* quarterOf(const std::vector<PersonPeriodRow>& rows, Day inQuarter) {
  for (const PersonPeriodRow& r : rows)
    if (r.quarter.contains(inQuarter)) return &r;
  return nullptr;
}

Measure care(Day first, Day last, const char* placement) {
  return {{first, last}, MeasureClass::Care, *placementIndexOf(placement), "101"};
}
Measure preventive(Day first, Day last) {
  return {{first, last}, MeasureClass::Preventive, 0, "101"};
}

TEST(PersonPeriod, CareDaysAreCalendarDaysOfTheQuarterEachOnceAndNotBeyondTheRun) {
  Calendars c;
  // 20 September - 10 October and, overlapping, 1 - 20 October; the run is on 15 October.
  const std::vector<Measure> measures{care(day(2025, 9, 20), day(2025, 10, 10), "foster_family"),
                                      care(day(2025, 10, 1), day(2025, 10, 20), "foster_family")};
  const auto rows =
      product(c, {}, {}, measures, {day(2025, 9, 20), day(2025, 10, 20)}, day(2025, 10, 15));
  ASSERT_EQ(rows.size(), 2u) << "Q3 and Q4; nobody enrolled, so only the measures give rows";
  EXPECT_EQ(quarterOf(rows, day(2025, 9, 1))->careDays, 11);   // 20-30 September
  EXPECT_EQ(quarterOf(rows, day(2025, 10, 1))->careDays, 15);  // 1-15 October, once each
  EXPECT_EQ(rows[1].planned, 0);
  EXPECT_FALSE(rows[1].unauthWarn) << "no flags without school days";
  EXPECT_EQ(kPlacementCodes[static_cast<std::size_t>(rows[1].placement)],
            std::string("foster_family"));
}

TEST(PersonPeriod, ThePlacementWithMostDaysWinsAndATieGoesToTheLaterStart) {
  Calendars c;
  const Day until = day(2026, 12, 31);
  // Q1 2026 (90 days): 40 days in a residential home, then 50 in a foster family.
  auto rows = product(c, {}, {},
                      {care(day(2026, 1, 1), day(2026, 2, 9), "residential_home"),
                       care(day(2026, 2, 10), day(2026, 3, 31), "foster_family")},
                      {day(2026, 1, 1), day(2026, 3, 31)}, until);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].careDays, 90);
  EXPECT_EQ(kPlacementCodes[static_cast<std::size_t>(rows[0].placement)],
            std::string("foster_family"));
  // 45 and 45: the later one.
  rows = product(c, {}, {},
                 {care(day(2026, 2, 15), day(2026, 3, 31), "own_room"),
                  care(day(2026, 1, 1), day(2026, 2, 14), "boarding_school")},
                 {day(2026, 1, 1), day(2026, 3, 31)}, until);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(kPlacementCodes[static_cast<std::size_t>(rows[0].placement)], std::string("own_room"));
}

TEST(PersonPeriod, AnInvestigationAloneGivesNoRowAndPreventiveIsCountedApart) {
  Calendars c;
  const Measure investigation{{day(2026, 1, 5), day(2026, 2, 5)}, MeasureClass::Other, 0, "101"};
  EXPECT_TRUE(
      product(c, {}, {}, {investigation}, {day(2026, 1, 1), day(2026, 3, 31)}, day(2026, 12, 31))
          .empty());
  const auto rows =
      product(c, {}, {}, {investigation, preventive(day(2026, 3, 1), day(2026, 4, 10))},
              {day(2026, 1, 1), day(2026, 6, 30)}, day(2026, 12, 31));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].preventiveDays, 31);
  EXPECT_EQ(rows[0].careDays, 0);
  EXPECT_EQ(rows[0].placement, 0);
  EXPECT_EQ(rows[1].preventiveDays, 10);
}

TEST(PersonPeriod, ASchoolChangeIsSummedOverBothSchoolsWithFlagsOnTheSum) {
  Calendars c;
  const calendar::SchoolCalendar calendar(c.spec);
  // Q4 2025 at two schools from 6 October: 50 school days. Unauthorised on exactly 10 % of
  // them, 3 at the first school and 2 at the second: the flags are those of the sum.
  const std::vector<Enrolment> enrolled{{"280001", 4, {day(2025, 10, 6), day(2025, 11, 14)}},
                                        {"280002", 4, {day(2025, 11, 15), day(2026, 7, 31)}}};
  const std::int64_t planned = c.naive.count(day(2025, 10, 6), day(2025, 12, 31));
  ASSERT_EQ(planned, 50);
  std::vector<Absence> absences;
  for (Day d : {day(2025, 10, 6), day(2025, 10, 7), day(2025, 11, 3), day(2025, 11, 17),
                day(2025, 12, 1)}) {
    ASSERT_TRUE(calendar.isSchoolDay(d));
    absences.push_back({d, "", Unit::Days, 0, Category::Unauthorised});
  }
  const auto rows =
      product(c, enrolled, absences, {}, {day(2025, 10, 1), day(2025, 12, 31)}, day(2026, 12, 31));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].planned, planned);
  EXPECT_EQ(rows[0].absent[static_cast<std::size_t>(Category::Unauthorised)],
            static_cast<std::int64_t>(absences.size()));
  EXPECT_EQ(rows[0].unauthWarn, true);
  EXPECT_EQ(rows[0].unauthNotify, false);
}

TEST(PersonPeriod, ALessonLevelSourceCountsLessons) {
  Calendars c;
  const std::vector<Enrolment> enrolled{{"280001", 7, {day(2025, 8, 1), day(2026, 7, 31)}}};
  const std::vector<Absence> absences{
      {day(2025, 10, 22), "280001", Unit::Lessons, 1, Category::Sick},
      {day(2025, 10, 22), "280001", Unit::Lessons, 2, Category::Unauthorised}};
  const auto rows = product(c, enrolled, absences, {}, {day(2025, 10, 1), day(2025, 12, 31)},
                            day(2026, 12, 31), true);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].unit, Unit::Lessons);
  const int plan[5] = {6, 6, 6, 6, 5};
  EXPECT_EQ(rows[0].planned, c.naive.count(day(2025, 10, 1), day(2025, 12, 31), plan));
  EXPECT_EQ(rows[0].totalAbsent(), 2);
}

TEST(PersonPeriod, TheMunicipalityIsThatOfTheRecordInTheQuarterThatStartsLast) {
  const std::vector<Residence> enrolments{{{day(2025, 8, 1), day(2026, 7, 31)}, "101"}};
  const std::vector<Measure> measures{
      {{day(2025, 11, 1), day(2026, 1, 31)}, MeasureClass::Care, 2, "147"}};
  const auto rows = personPeriods({}, enrolments, measures, {day(2025, 7, 1), day(2026, 3, 31)},
                                  day(2026, 12, 31), Thresholds{});
  ASSERT_EQ(rows.size(), 2u) << "the quarters with care days (nobody summarised at school)";
  EXPECT_EQ(rows[0].municipality, "147");
  EXPECT_EQ(rows[1].municipality, "147");
}

TEST(PersonPeriod, TheStoredCodesAreThoseOfTheCodeLists) {
  std::set<std::string> placements(kPlacementCodes.begin() + 1, kPlacementCodes.end());
  std::set<std::string> listed;
  for (const auto& code : dataset::codeList("placement_type").codes) listed.insert(code.value);
  EXPECT_EQ(placements, listed);
  EXPECT_EQ(placementIndexOf(""), 0);
  EXPECT_FALSE(placementIndexOf("castle"));
  for (const auto& code : dataset::codeList("case_kind").codes)
    EXPECT_TRUE(measureClassOf(code.value)) << code.value << " is not classified";
  EXPECT_EQ(measureClassOf("placement_no_consent"), MeasureClass::Care);
  EXPECT_EQ(measureClassOf("support"), MeasureClass::Preventive);
  EXPECT_EQ(measureClassOf("unknown"), MeasureClass::Other);
}

// --- Generated children against the naive day loop ---------------------------------------

struct NaiveRow {
  std::int64_t planned = 0;
  std::array<std::int64_t, kCategories> absent{};
  std::int64_t care = 0, preventive = 0;
  bool operator==(const NaiveRow&) const = default;
};

std::map<std::int64_t, NaiveRow> naive(const Calendars& c, const std::vector<Enrolment>& enrolments,
                                       const std::vector<Absence>& absences,
                                       const std::vector<Measure>& measures, std::int64_t first,
                                       std::int64_t last, std::int64_t until) {
  std::map<std::int64_t, NaiveRow> out;  // by the quarter's first day
  for (int y = 2024; y <= 2027; ++y)
    for (unsigned q = 0; q < 4; ++q) {
      const std::int64_t from = dayNumber(ymd(y, 3 * q + 1, 1));
      const std::int64_t to =
          (q == 3 ? dayNumber(ymd(y + 1, 1, 1)) : dayNumber(ymd(y, 3 * q + 4, 1))) - 1;
      if (to < first || from > last) continue;
      NaiveRow row;
      for (std::int64_t d = from; d <= to; ++d) {
        bool enrolled = false;
        for (const Enrolment& e : enrolments) enrolled |= e.days.first <= d && d <= e.days.last;
        if (enrolled && c.naive.count(d, d) == 1) {
          ++row.planned;
          int worst = 99;
          for (const Absence& a : absences)
            if (a.day == d) worst = std::min(worst, static_cast<int>(a.category));
          if (worst != 99) ++row.absent[static_cast<std::size_t>(worst)];
        }
        if (d > until) continue;
        bool inCare = false, inPreventive = false;
        for (const Measure& m : measures) {
          if (d < m.days.first || d > m.days.last) continue;
          inCare |= m.measureClass == MeasureClass::Care;
          inPreventive |= m.measureClass == MeasureClass::Preventive;
        }
        row.care += inCare;
        row.preventive += inPreventive;
      }
      if (row.planned + row.care + row.preventive > 0) out[from] = row;
    }
  return out;
}

TEST(PersonPeriod, GeneratedChildrenAgreeWithTheNaiveDayLoop) {
  Calendars c;
  std::mt19937 random(2026);
  const Day yearFirst = day(2025, 8, 1), yearLast = day(2026, 7, 31);
  std::uniform_int_distribution<Day> anyDay(day(2025, 1, 1), day(2026, 12, 31));
  std::uniform_int_distribution<int> small(0, 3);
  const DayRange window{day(2025, 1, 1), day(2026, 12, 31)};
  const Day until = day(2026, 5, 20);
  std::size_t rows = 0, withCare = 0;
  for (int child = 0; child < 300; ++child) {
    // Enrolments one after the other (a move or a grade change), never two at once.
    std::vector<Enrolment> enrolments;
    Day from = yearFirst - small(random) * 30;
    for (int m = 0, moves = small(random); m < moves; ++m) {
      const Day to = m + 1 == moves ? yearLast : std::min(yearLast, from + 20 + small(random) * 40);
      enrolments.push_back({small(random) % 2 ? "280001" : "280002", 4, {from, to}});
      from = to + 1;
    }
    std::vector<Absence> absences;
    for (int i = 0, n = std::uniform_int_distribution<int>(0, 40)(random); i < n; ++i)
      absences.push_back(
          {anyDay(random), "280001", Unit::Days, 0, static_cast<Category>(small(random))});
    std::vector<Measure> measures;
    for (int i = 0, n = small(random); i < n; ++i) {
      const Day start = anyDay(random);
      const Day end = start + std::uniform_int_distribution<Day>(0, 300)(random);
      const MeasureClass cls = static_cast<MeasureClass>(small(random) % 3);
      measures.push_back(
          {{start, end}, cls, cls == MeasureClass::Care ? 1 + small(random) : 0, "101"});
    }
    const auto expected =
        naive(c, enrolments, absences, measures, window.first, window.last, until);
    std::map<std::int64_t, NaiveRow> actual;
    for (const PersonPeriodRow& r : product(c, enrolments, absences, measures, window, until)) {
      NaiveRow& n = actual[r.quarter.first];
      n.planned = r.planned;
      for (std::size_t k = 0; k < kCategories; ++k) n.absent[k] = r.absent[k];
      n.care = r.careDays;
      n.preventive = r.preventiveDays;
      EXPECT_EQ(r.placement != 0, r.careDays > 0) << "child " << child;
      EXPECT_EQ(r.unauthWarn.has_value(), r.planned > 0) << "child " << child;
      withCare += r.careDays > 0;
    }
    ASSERT_EQ(actual, expected) << "child " << child;
    rows += actual.size();
  }
  EXPECT_GT(rows, 1000u) << "the generator should cover many rows";
  EXPECT_GT(withCare, 100u);
}

}  // namespace
}  // namespace brobyg::summary
