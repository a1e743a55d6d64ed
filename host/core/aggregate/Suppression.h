// Primary and secondary suppression of one two-way table with its margins (issue 15, DESIGN §5),
// for recipients allowed only aggregates.
//
// The rules, each a choice written down where DESIGN leaves one open:
// - The margins are cells too: a row's total, a column's total and the grand total are
//   suppressed by the same rules, and the totals row and the totals column are lines to protect
//   like any other.
// - Primary: a count from 1 to k-1 is suppressed. 0 is not sensitive and is shipped.
// - Secondary, one line: afterwards no line (a row or a column, each with its total) has
//   exactly one suppressed value, since that value would be its total minus the others (or, for
//   a suppressed total, the sum of its cells). While a line has exactly one, one more value of
//   that line is suppressed; lines are visited rows first, then columns, top to bottom and left
//   to right, and the first such line is mended first. The complement is the line's shipped
//   value with the smallest positive count; a zero only when the line has nothing else,
//   because a suppressed zero beside a suppressed cell bounds that cell exactly from above
//   (a + 0 = what the line lacks) and a school without a grade is a zero everyone knows; a tie
//   goes to the earlier cell row by row, so a cell before its line's total.
// - Secondary, several lines: two or more suppressed values in every line is not enough when
//   the equations of several lines are combined (two suppressed rectangles joined by one cell
//   give that cell away). A suppressed value is safe exactly when it lies on a cycle of
//   suppressed values (alternately along a row and a column), so that adding one to every
//   other value of the cycle and subtracting one from the rest keeps every line's sum. While a
//   suppressed value lies on none (the first in row order), one more shipped value is
//   suppressed that closes such a cycle through it (its row on one side of the value, its
//   column on the other), chosen by the same order as a line's complement.
// - Which count decides each column of a cell (a column's suppression pattern is computed on
//   that count, with the rules above):
//   - pupils and planned units: the pupils. Planned units are about the pupils' school days
//     times the pupils, so they would give a suppressed pupils count back; they go together.
//   - unauth_warn, unauth_notify, high_total: each its own count. A flag on 1 to k-1 of 30
//     pupils discloses those pupils' flag, so each flag column is suppressed and protected
//     against its margins on its own, whatever the pupils count.
//   - absent units of a category: the pupils with absent units of that category. A sum of one
//     pupil's absence is that pupil's absence, however many pupils the cell has; a sum over
//     0 pupils is 0 and shipped.
// - Rates: the unauthorised rate is suppressed with the unauthorised units or the planned
//   units, the absence rate with any category's units or the planned units (a rate times the
//   shipped denominator gives the numerator back).
// - A suppressed value is set to 0 in the output, so no writer can ship it by mistake.
//
// What this does not protect against, for whoever extends it: bounds from inequalities (a
// suppressed value is at least 0, flags <= pupils, a cell <= its total: the interval an
// attacker gets can be narrow, no minimum width is enforced), equations across tables or
// columns (another period's table, another column of the same cells), and a flag that all but
// 1 to k-1 of a cell's pupils have. The complements are not chosen to be few, only to be small
// and deterministic.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "aggregate/AggregateTable.h"

namespace brobyg::aggregate {

inline constexpr int kDefaultK = 5;

// One count column of a two-way table with its margins: rows x columns values row by row, the
// last row and the last column the totals (TwoWayTable::cells' layout).
struct CountGrid {
  std::size_t rows = 0, columns = 0;
  std::vector<std::int64_t> counts;
};

// Which values of `grid` are suppressed (same layout), primary then secondary. k >= 1; with
// k = 1 nothing is.
std::vector<bool> suppressCounts(const CountGrid& grid, int k = kDefaultK);

struct ShippedValue {
  std::int64_t value = 0;  // 0 when suppressed
  bool suppressed = false;
};

struct ShippedRate {
  std::optional<std::int64_t> hundredths;  // empty when suppressed or without planned units
  bool suppressed = false;
};

struct ShippedCell {
  std::array<ShippedValue, kColumns> values;
  ShippedRate unauthorisedRate, absenceRate;

  const ShippedValue& operator[](Column c) const { return values[index(c)]; }
};

// `table` as it may be shipped: every value with its suppressed mark.
struct SuppressedTable {
  TableKey key;
  std::vector<std::string> schools;
  std::vector<int> grades;
  std::vector<ShippedCell> cells;  // TwoWayTable::cells' layout

  std::size_t rows() const { return schools.size() + 1; }
  std::size_t columns() const { return grades.size() + 1; }
  const ShippedCell& at(std::size_t row, std::size_t column) const {
    return cells[row * columns() + column];
  }
};

SuppressedTable suppress(const TwoWayTable& table, int k = kDefaultK);

}  // namespace brobyg::aggregate
