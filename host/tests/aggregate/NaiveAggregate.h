// Generated children and a naive count of them for the aggregate tests: for any cell or margin,
// a loop over every child and every (school, grade) of the table, nothing of the product's maps
// or margin arithmetic.
#pragma once

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "aggregate/AggregateTable.h"

namespace brobyg::aggregate::test {

using summary::Category;
using summary::kCategories;
using summary::PeriodKind;
using summary::SummaryRow;
using summary::Unit;

using Child = std::vector<PupilRow>;

// Children with 1-4 rows each over two municipalities, four schools, four grades, two quarters,
// one school year and both units; sometimes two rows of one child in one cell (as a caller
// might hand them). Counts are small on purpose: most cells hold fewer than 5 children.
inline std::vector<Child> generateChildren(std::mt19937& rng, int children) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const std::array<summary::DayRange, 3> periods{summary::DayRange{20362, 20453},
                                                 summary::DayRange{20454, 20543},  // 2025Q4, 2026Q1
                                                 summary::DayRange{20301, 20665}};  // 2025/26
  std::vector<Child> out;
  for (int i = 0; i < children; ++i) {
    Child child;
    const std::string municipality = pick(3) == 0 ? "147" : "101";
    const int rows = 1 + pick(4);
    for (int r = 0; r < rows; ++r) {
      SummaryRow row;
      row.school = "28000" + std::to_string(1 + pick(4));
      row.grade = pick(4);
      const int period = pick(3);
      row.kind = period == 2 ? PeriodKind::SchoolYear : PeriodKind::Quarter;
      row.period = periods[static_cast<std::size_t>(period)];
      row.unit = pick(3) == 0 ? Unit::Lessons : Unit::Days;
      row.planned = 1 + pick(300);
      for (std::size_t c = 0; c < kCategories; ++c)
        row.absent[c] = pick(2) == 0 ? 0 : pick(static_cast<int>(row.planned / 4) + 1);
      if (row.kind == PeriodKind::Quarter) {
        row.unauthWarn = pick(3) == 0;
        row.unauthNotify = *row.unauthWarn && pick(2) == 0;
      } else {
        row.highTotal = pick(3) == 0;
      }
      child.push_back({municipality, row});
      // The same cell again now and then: the child still counts once there.
      if (pick(10) == 0) child.push_back(child.back());
    }
    out.push_back(std::move(child));
  }
  return out;
}

inline bool sameTable(const PupilRow& r, const TableKey& key) {
  return r.municipality == key.municipality && r.row.kind == key.kind &&
         r.row.period.first == key.period.first && r.row.period.last == key.period.last &&
         r.row.unit == key.unit;
}

// What the naive count keeps of a cell: each column and the pupils behind each category's sum.
struct NaiveCell {
  std::array<std::int64_t, kColumns> values{};
  std::array<std::int64_t, kCategories> absentPupils{};
};

// One child's contribution to the cell (school, grade) of `key`: zero unless it has a row there.
inline NaiveCell childInCell(const Child& child, const TableKey& key, const std::string& school,
                             int grade) {
  NaiveCell out;
  bool present = false, warn = false, notify = false, high = false;
  std::int64_t planned = 0;
  std::array<std::int64_t, kCategories> absent{};
  for (const PupilRow& r : child) {
    if (!sameTable(r, key) || r.row.school != school || r.row.grade != grade) continue;
    present = true;
    warn |= r.row.unauthWarn == true;
    notify |= r.row.unauthNotify == true;
    high |= r.row.highTotal == true;
    planned += r.row.planned;
    for (std::size_t c = 0; c < kCategories; ++c) absent[c] += r.row.absent[c];
  }
  if (!present) return out;
  out.values = {1, warn, notify, high, planned, absent[0], absent[1], absent[2], absent[3]};
  for (std::size_t c = 0; c < kCategories; ++c) out.absentPupils[c] = absent[c] > 0;
  return out;
}

// The cell at (row, column) of `table`'s layout: a margin sums every school (grade) of the table.
inline NaiveCell naiveCell(const std::vector<Child>& children, const TwoWayTable& table,
                           std::size_t row, std::size_t column) {
  NaiveCell out;
  for (const Child& child : children)
    for (std::size_t s = 0; s < table.schools.size(); ++s)
      for (std::size_t g = 0; g < table.grades.size(); ++g) {
        if ((row != table.schools.size() && row != s) ||
            (column != table.grades.size() && column != g))
          continue;
        const NaiveCell one = childInCell(child, table.key, table.schools[s], table.grades[g]);
        for (std::size_t i = 0; i < kColumns; ++i) out.values[i] += one.values[i];
        for (std::size_t c = 0; c < kCategories; ++c) out.absentPupils[c] += one.absentPupils[c];
      }
  return out;
}

inline AggregateTable accumulate(const std::vector<Child>& children) {
  AggregateTable table;
  for (const Child& child : children) table.addPupil(child);
  return table;
}

}  // namespace brobyg::aggregate::test
