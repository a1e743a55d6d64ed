#include "aggregate/Suppression.h"

#include <algorithm>
#include <cstdint>
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

// The complement among `line`'s shipped values: smallest positive count, zeros last, then the
// earlier cell (Suppression.h says why).
std::size_t complementIn(const Line& line, const std::vector<std::int64_t>& counts,
                         const std::vector<bool>& suppressed) {
  std::optional<std::size_t> best;
  auto rank = [&](std::size_t cell) { return std::tuple{counts[cell] == 0, counts[cell], cell}; };
  for (std::size_t cell : line)
    if (!suppressed[cell] && (!best || rank(cell) < rank(*best))) best = cell;
  // Callers pass cells with at least one shipped: a line with exactly one suppressed value
  // has at least one more (every line has a cell and a total); protectCycles checks its own.
  return *best;
}

// The single-line rule: while a line has exactly one suppressed value, add its complement.
void protectLines(const CountGrid& grid, const std::vector<Line>& lines,
                  std::vector<bool>& suppressed) {
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

// The suppressed cells as a graph: a vertex per line (the rows, then the columns), an edge per
// suppressed cell joining its row and its column. A set of suppressed values can change
// without changing any line's sum exactly along a cycle (add one, subtract one, around it), so
// a value follows from all the lines' equations together exactly when its edge lies on no
// cycle: when it is a bridge.
class CellGraph {
 public:
  CellGraph(const CountGrid& grid, const std::vector<bool>& suppressed)
      : columns_(grid.columns), rows_(grid.rows), next_(grid.rows + grid.columns) {
    for (std::size_t cell = 0; cell < suppressed.size(); ++cell) {
      if (!suppressed[cell]) continue;
      next_[rowOf(cell)].push_back({columnVertex(cell), cell});
      next_[columnVertex(cell)].push_back({rowOf(cell), cell});
    }
  }

  std::size_t rowOf(std::size_t cell) const { return cell / columns_; }
  std::size_t columnVertex(std::size_t cell) const { return rows_ + cell % columns_; }

  // The first bridge in cell order (Tarjan's low links), if any.
  std::optional<std::size_t> firstBridge() const {
    std::vector<std::size_t> order(next_.size(), 0), low(next_.size(), 0);
    std::size_t clock = 0;
    std::optional<std::size_t> first;
    std::function<void(std::size_t, std::size_t)> visit = [&](std::size_t v, std::size_t via) {
      order[v] = low[v] = ++clock;
      for (auto [w, cell] : next_[v]) {
        if (cell == via) continue;
        if (order[w] == 0) {
          visit(w, cell);
          low[v] = std::min(low[v], low[w]);
          if (low[w] > order[v] && (!first || cell < *first)) first = cell;
        } else {
          low[v] = std::min(low[v], order[w]);
        }
      }
    };
    const std::size_t none = SIZE_MAX;
    for (std::size_t v = 0; v < next_.size(); ++v)
      if (order[v] == 0) visit(v, none);
    return first;
  }

  // The vertices reachable from `from` without crossing `cell`.
  std::vector<bool> reachable(std::size_t from, std::size_t cell) const {
    std::vector<bool> seen(next_.size());
    std::vector<std::size_t> todo{from};
    seen[from] = true;
    while (!todo.empty()) {
      const std::size_t v = todo.back();
      todo.pop_back();
      for (auto [w, c] : next_[v])
        if (c != cell && !seen[w]) {
          seen[w] = true;
          todo.push_back(w);
        }
    }
    return seen;
  }

 private:
  std::size_t columns_, rows_;
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> next_;  // (vertex, cell)
};

// The several-lines rule: while a suppressed value is a bridge, suppress one more value whose
// row lies on one side of it and whose column on the other, which closes a cycle through it.
// After the single-line rule every line has 0 or at least 2 suppressed values, so such a value
// exists: the bridge's row has another suppressed cell in a column on its side, its column
// another in a row on the other, and where that row and column cross is shipped (else the
// bridge would be on a cycle). Same order as a line's complement: smallest positive count,
// zeros last, then the earlier cell.
void protectCycles(const CountGrid& grid, std::vector<bool>& suppressed) {
  for (;;) {
    const CellGraph graph(grid, suppressed);
    const std::optional<std::size_t> bridge = graph.firstBridge();
    if (!bridge) return;
    const std::vector<bool> rowSide = graph.reachable(graph.rowOf(*bridge), *bridge);
    const std::vector<bool> columnSide = graph.reachable(graph.columnVertex(*bridge), *bridge);
    Line candidates;
    for (std::size_t cell = 0; cell < suppressed.size(); ++cell) {
      const std::size_t r = graph.rowOf(cell), c = graph.columnVertex(cell);
      if (!suppressed[cell] && ((rowSide[r] && columnSide[c]) || (columnSide[r] && rowSide[c])))
        candidates.push_back(cell);
    }
    if (candidates.empty()) throw Error("aggregate suppression: no cell closes a cycle");
    suppressed[complementIn(candidates, grid.counts, suppressed)] = true;
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
  protectLines(grid, linesOf(grid.rows, grid.columns), suppressed);
  protectCycles(grid, suppressed);
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
