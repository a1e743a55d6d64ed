#include "aggregate/Suppression.h"

#include <functional>
#include <tuple>

#include "util/Error.h"

namespace brobyg::aggregate {

namespace {

using Line = std::vector<std::size_t>;  // the cells of a row or a column, in order

// Rows first, then columns: the order in which lines are mended.
std::vector<Line> linesOf(std::size_t rows, std::size_t columns) {
  std::vector<Line> lines;
  for (std::size_t r = 0; r < rows; ++r) {
    Line line;
    for (std::size_t c = 0; c < columns; ++c) line.push_back(r * columns + c);
    lines.push_back(std::move(line));
  }
  for (std::size_t c = 0; c < columns; ++c) {
    Line line;
    for (std::size_t r = 0; r < rows; ++r) line.push_back(r * columns + c);
    lines.push_back(std::move(line));
  }
  return lines;
}

std::size_t suppressedIn(const Line& line, const std::vector<bool>& suppressed) {
  std::size_t n = 0;
  for (std::size_t cell : line) n += suppressed[cell] ? 1 : 0;
  return n;
}

// The complement of a line with one suppressed value: smallest positive count, zeros last, then
// the earlier cell (Suppression.h says why).
std::size_t complementIn(const Line& line, const std::vector<std::int64_t>& counts,
                         const std::vector<bool>& suppressed) {
  std::optional<std::size_t> best;
  auto rank = [&](std::size_t cell) { return std::tuple{counts[cell] == 0, counts[cell], cell}; };
  for (std::size_t cell : line)
    if (!suppressed[cell] && (!best || rank(cell) < rank(*best))) best = cell;
  // A line with exactly one suppressed value has at least one more (every line has a cell
  // and a total), so there is always a candidate.
  return *best;
}

void protect(const CountGrid& grid, std::vector<bool>& suppressed) {
  const std::vector<Line> lines = linesOf(grid.rows, grid.columns);
  for (bool mended = true; mended;) {
    mended = false;
    for (const Line& line : lines) {
      if (line.size() < 2 || suppressedIn(line, suppressed) != 1) continue;
      suppressed[complementIn(line, grid.counts, suppressed)] = true;
      mended = true;
      break;  // start again from the first line, so the order stays the documented one
    }
  }
}

CountGrid gridOf(const TwoWayTable& table,
                 const std::function<std::int64_t(const Counts&)>& count) {
  CountGrid grid{table.rows(), table.columns(), {}};
  for (const Counts& cell : table.cells) grid.counts.push_back(count(cell));
  return grid;
}

// The count that decides a column (Suppression.h).
std::int64_t deciding(const Counts& cell, Column column) {
  switch (column) {
    case Column::Pupils:
    case Column::Planned:
      return cell[Column::Pupils];
    case Column::UnauthWarn:
    case Column::UnauthNotify:
    case Column::HighTotal:
      return cell[column];
    default:
      return cell.absentPupils[index(column) - index(Column::AbsentUnauthorised)];
  }
}

ShippedRate shippedRate(std::optional<std::int64_t> rate, bool suppressed) {
  if (suppressed) return {std::nullopt, true};
  return {rate, false};
}

}  // namespace

std::vector<bool> suppressCounts(const CountGrid& grid, int k) {
  if (k < 1) throw Error("aggregate suppression: k must be at least 1");
  if (grid.rows == 0 || grid.columns == 0 || grid.counts.size() != grid.rows * grid.columns)
    throw Error("aggregate suppression: the counts do not fill the table");
  std::vector<bool> suppressed(grid.counts.size());
  for (std::size_t i = 0; i < grid.counts.size(); ++i)
    suppressed[i] = grid.counts[i] >= 1 && grid.counts[i] < k;
  protect(grid, suppressed);
  return suppressed;
}

SuppressedTable suppress(const TwoWayTable& table, int k) {
  SuppressedTable out{table.key, table.schools, table.grades,
                      std::vector<ShippedCell>(table.cells.size())};
  for (std::size_t col = 0; col < kColumns; ++col) {
    const auto column = static_cast<Column>(col);
    const std::vector<bool> suppressed = suppressCounts(
        gridOf(table, [&](const Counts& cell) { return deciding(cell, column); }), k);
    for (std::size_t i = 0; i < table.cells.size(); ++i)
      out.cells[i].values[col] =
          suppressed[i] ? ShippedValue{0, true} : ShippedValue{table.cells[i][column], false};
  }
  for (std::size_t i = 0; i < table.cells.size(); ++i) {
    ShippedCell& cell = out.cells[i];
    const bool planned = cell[Column::Planned].suppressed;
    bool anyAbsent = false;
    for (std::size_t c = 0; c < summary::kCategories; ++c)
      anyAbsent = anyAbsent || cell[absentColumn(static_cast<summary::Category>(c))].suppressed;
    cell.unauthorisedRate = shippedRate(unauthorisedRate(table.cells[i]),
                                        planned || cell[Column::AbsentUnauthorised].suppressed);
    cell.absenceRate = shippedRate(absenceRate(table.cells[i]), planned || anyAbsent);
  }
  return out;
}

}  // namespace brobyg::aggregate
