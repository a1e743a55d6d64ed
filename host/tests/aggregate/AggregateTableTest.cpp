// The aggregate tables' counts against NaiveAggregate.h: hand cases (a child twice in a cell,
// margins that add up, rates half up), then generated children, every cell and margin of every
// table compared with a loop over every child.
#include "aggregate/AggregateTable.h"

#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "NaiveAggregate.h"

namespace brobyg::aggregate {
namespace {

using summary::SummaryRow;
using test::Child;

SummaryRow quarterRow(const std::string& school, int grade, std::int64_t planned,
                      std::int64_t unauthorised, bool warn) {
  SummaryRow row;
  row.school = school;
  row.grade = grade;
  row.kind = summary::PeriodKind::Quarter;
  row.period = {20362, 20453};
  row.planned = planned;
  row.absent[static_cast<std::size_t>(summary::Category::Unauthorised)] = unauthorised;
  row.unauthWarn = warn;
  row.unauthNotify = false;
  return row;
}

TEST(AggregateTable, AChildCountsOncePerCellAndTheMarginsAreTheSumsOfTheirCells) {
  AggregateTable table;
  // A child with two rows in one cell (flag in one of them) and one at another school.
  table.addPupil({{"101", quarterRow("280001", 3, 30, 1, false)},
                  {"101", quarterRow("280001", 3, 20, 5, true)},
                  {"101", quarterRow("280002", 3, 10, 0, false)}});
  table.addPupil({{"101", quarterRow("280001", 4, 40, 0, false)}});
  const auto tables = table.tables();
  ASSERT_EQ(tables.size(), 1u);
  const TwoWayTable& t = tables[0];
  EXPECT_EQ(t.schools, (std::vector<std::string>{"280001", "280002"}));
  EXPECT_EQ(t.grades, (std::vector<int>{3, 4}));
  ASSERT_EQ(t.cells.size(), 9u);
  EXPECT_EQ(t.at(0, 0)[Column::Pupils], 1);
  EXPECT_EQ(t.at(0, 0)[Column::UnauthWarn], 1);
  EXPECT_EQ(t.at(0, 0)[Column::Planned], 50);
  EXPECT_EQ(t.at(0, 0)[Column::AbsentUnauthorised], 6);
  EXPECT_EQ(t.at(0, 0).absentPupils[0], 1);
  EXPECT_EQ(t.at(1, 1)[Column::Pupils], 0) << "280002 has no grade 4: a zero cell";
  EXPECT_EQ(t.at(0, 2)[Column::Pupils], 2);  // 280001 over its grades
  EXPECT_EQ(t.at(2, 0)[Column::Pupils], 2) << "grade 3: the mover counts at both schools";
  EXPECT_EQ(t.at(2, 2)[Column::Pupils], 3);
  EXPECT_EQ(t.at(2, 2)[Column::Planned], 100);
  EXPECT_EQ(t.at(2, 2).absentPupils[0], 1);
}

TEST(AggregateTable, RatesArePercentWithTwoDecimalsHalfUp) {
  EXPECT_EQ(rateHundredths(3, 19), 1579);  // 15.789...
  EXPECT_EQ(formatRate(*rateHundredths(3, 19)), "15.79");
  EXPECT_EQ(rateHundredths(1, 20000), 1);  // 0.005 % exactly: up
  EXPECT_EQ(rateHundredths(1, 20001), 0);
  EXPECT_EQ(formatRate(*rateHundredths(10, 10)), "100.00");
  EXPECT_EQ(formatRate(*rateHundredths(1, 8)), "12.50");
  EXPECT_FALSE(rateHundredths(0, 0));
  Counts counts;
  counts.values[index(Column::Planned)] = 200;
  counts.values[index(Column::AbsentUnauthorised)] = 21;
  counts.values[index(Column::AbsentSick)] = 10;
  EXPECT_EQ(unauthorisedRate(counts), 1050);
  EXPECT_EQ(absenceRate(counts), 1550);
}

TEST(AggregateTable, GeneratedChildrenMatchTheNaiveCount) {
  for (unsigned seed = 1; seed <= 12; ++seed) {
    std::mt19937 rng(seed);
    const std::vector<Child> children =
        test::generateChildren(rng, 5 + static_cast<int>(rng() % 200));
    const std::vector<TwoWayTable> tables = test::accumulate(children).tables();

    // The tables, schools and grades the children give.
    std::set<std::tuple<std::string, int, long, int>> keys;
    for (const Child& child : children)
      for (const PupilRow& r : child)
        keys.insert({r.municipality, static_cast<int>(r.row.kind), r.row.period.first,
                     static_cast<int>(r.row.unit)});
    ASSERT_EQ(tables.size(), keys.size()) << "seed " << seed;
    auto key = keys.begin();
    for (const TwoWayTable& t : tables) {
      EXPECT_EQ(std::tuple(t.key.municipality, static_cast<int>(t.key.kind),
                           static_cast<long>(t.key.period.first), static_cast<int>(t.key.unit)),
                *key++);
      std::set<std::string> schools;
      std::set<int> grades;
      for (const Child& child : children)
        for (const PupilRow& r : child)
          if (test::sameTable(r, t.key)) {
            schools.insert(r.row.school);
            grades.insert(r.row.grade);
          }
      ASSERT_EQ(t.schools, std::vector<std::string>(schools.begin(), schools.end()));
      ASSERT_EQ(t.grades, std::vector<int>(grades.begin(), grades.end()));
      for (std::size_t row = 0; row < t.rows(); ++row)
        for (std::size_t column = 0; column < t.columns(); ++column) {
          const test::NaiveCell naive = test::naiveCell(children, t, row, column);
          ASSERT_EQ(t.at(row, column).values, naive.values)
              << "seed " << seed << " cell " << row << "," << column;
          ASSERT_EQ(t.at(row, column).absentPupils, naive.absentPupils)
              << "seed " << seed << " cell " << row << "," << column;
        }
    }
  }
}

}  // namespace
}  // namespace brobyg::aggregate
