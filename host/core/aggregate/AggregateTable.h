// The aggregate tables of issue 15 (DESIGN §5), before suppression: pupils' absence_summary rows
// counted into cells by municipality, school, grade, period and unit, with the margins of one
// two-way table (schools x grades) per municipality, period and unit.
//
// The rules, each a choice written down where DESIGN leaves one open:
// - A cell counts distinct children: all rows of one child come in one addPupil call, and a
//   child with several rows that fall into one cell counts once there (its units summed, a
//   flag counted when any of its rows has it).
// - The margins are the sums of the cells they total, for every column, pupils too: a child
//   who changed school within the period counts at each school, and so twice in its grade's
//   total and in the grand total. Totals that add up are what an evaluator can check and what
//   the secondary suppression protects (Suppression.h); a distinct count in the margins would
//   not be the sum of its cells, so the suppressed cells would leak through the difference.
// - A flag counts the pupils whose row has it set; a flag that does not belong to the period
//   kind (unauth_warn and unauth_notify in a school year, high_total in a quarter) is empty in
//   every row and so counts 0.
// - Rates are derived from a cell's sums (absent, or unauthorised, divided by planned, in
//   percent with two decimals, half up), never averaged over pupils; a cell with no planned
//   units has none.
// - Every school and every grade that has a cell in a table is a row or column of it; the
//   pairs without pupils are cells with zero counts.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "summary/AbsenceSummary.h"

namespace brobyg::aggregate {

// The count columns of a cell. The absent units follow summary::Category's order.
enum class Column : std::uint8_t {
  Pupils = 0,
  UnauthWarn,
  UnauthNotify,
  HighTotal,
  Planned,
  AbsentUnauthorised,
  AbsentUnknown,
  AbsentAuthorised,
  AbsentSick,
};
inline constexpr std::size_t kColumns = 9;
inline constexpr std::size_t index(Column c) {
  return static_cast<std::size_t>(c);
}
// The column of the absent units of a category.
Column absentColumn(summary::Category category);
// "pupils", "unauth_warn", ..., "absent_sick".
const char* columnName(Column c);

struct Counts {
  std::array<std::int64_t, kColumns> values{};
  // Pupils with at least one absent unit of each category (by summary::Category): how many
  // children a sum of absent units is made of. Suppression.h decides on them; never shipped.
  std::array<std::int64_t, summary::kCategories> absentPupils{};

  std::int64_t operator[](Column c) const { return values[index(c)]; }
  std::int64_t totalAbsent() const;
  Counts& operator+=(const Counts& other);
};

// The rates are absence_summary's: percent in hundredths, half up.
using summary::formatRate;
using summary::rateHundredths;
std::optional<std::int64_t> unauthorisedRate(const Counts& counts);
std::optional<std::int64_t> absenceRate(const Counts& counts);

// One absence_summary row of a child with the child's municipality.
struct PupilRow {
  std::string municipality;
  summary::SummaryRow row;
};

// What one two-way table is of.
struct TableKey {
  std::string municipality;
  summary::PeriodKind kind = summary::PeriodKind::Quarter;
  summary::DayRange period;
  summary::Unit unit = summary::Unit::Days;
};

// One municipality's schools x grades for one period and unit, with the margins.
struct TwoWayTable {
  TableKey key;
  std::vector<std::string> schools;  // the rows, sorted
  std::vector<int> grades;           // the columns, sorted
  // (schools + 1) x (grades + 1), row by row: the last column holds each school's total over
  // its grades, the last row each grade's total over the schools, the last cell the grand total.
  std::vector<Counts> cells;

  std::size_t rows() const { return schools.size() + 1; }
  std::size_t columns() const { return grades.size() + 1; }
  const Counts& at(std::size_t row, std::size_t column) const {
    return cells[row * columns() + column];
  }
};

class AggregateTable {
 public:
  // Every row of one child: call once per child (a second call counts the child again).
  void addPupil(const std::vector<PupilRow>& rows);

  // The tables, in order of municipality, period kind, period and unit.
  std::vector<TwoWayTable> tables() const;

 private:
  using TableId =
      std::tuple<std::string, int, summary::Day, int>;  // municipality, kind, first, unit
  struct Inner {
    TableKey key;
    std::map<std::pair<std::string, int>, Counts> cells;  // (school, grade)
  };
  std::map<TableId, Inner> tables_;
};

}  // namespace brobyg::aggregate
