// Suppression checked by two naive attackers written here. The first: for every row and every
// column of a table, the totals row and column included, the only linear relation one line
// gives is "the cells sum to the total"; every linear combination of it is a multiple, which
// reveals a value exactly when the line has exactly one value suppressed. It tries every line
// and reports each value it recovers. The second combines all lines' equations (a rank test). Hand
// cases first (a single small cell, a complement, a small total, zeros, a whole table below k, k =
// 1, exactly k), then thousands of generated tables of 1-8 x 1-8 with many small counts, then
// generated children through the whole table.
#include "aggregate/Suppression.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "NaiveAggregate.h"
#include "util/Error.h"

namespace brobyg::aggregate {
namespace {

using Inner = std::vector<std::vector<std::int64_t>>;

// `inner` (schools x grades) with its totals added by plain loops.
CountGrid withMargins(const Inner& inner) {
  const std::size_t rows = inner.size() + 1, columns = inner[0].size() + 1;
  CountGrid grid{rows, columns, std::vector<std::int64_t>(rows * columns)};
  for (std::size_t r = 0; r + 1 < rows; ++r)
    for (std::size_t c = 0; c + 1 < columns; ++c) {
      const std::int64_t v = inner[r][c];
      grid.counts[r * columns + c] = v;
      grid.counts[r * columns + columns - 1] += v;
      grid.counts[(rows - 1) * columns + c] += v;
      grid.counts[rows * columns - 1] += v;
    }
  return grid;
}

// The suppressed values as a picture, a row per line of text: 'x' suppressed, '.' shipped.
std::vector<std::string> picture(std::size_t rows, std::size_t columns,
                                 const std::vector<bool>& suppressed) {
  std::vector<std::string> out(rows, std::string(columns, '.'));
  for (std::size_t i = 0; i < suppressed.size(); ++i)
    if (suppressed[i]) out[i / columns][i % columns] = 'x';
  return out;
}

// The attacker: every line's equation (cells minus total is 0) solved for its one unknown
// where it has exactly one. `shipped` holds what the recipient sees (suppressed values are
// never read); `truth` only confirms that the recovered value is the real one.
std::vector<std::string> attack(std::size_t rows, std::size_t columns,
                                const std::vector<std::int64_t>& shipped,
                                const std::vector<bool>& suppressed,
                                const std::vector<std::int64_t>& truth) {
  std::vector<std::string> recovered;
  auto tryLine = [&](const std::vector<std::size_t>& cells, const std::string& name) {
    std::vector<std::size_t> unknown;
    std::int64_t knownCells = 0, total = 0;
    bool totalKnown = true;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const bool isTotal = i + 1 == cells.size();
      if (suppressed[cells[i]]) {
        unknown.push_back(cells[i]);
        if (isTotal) totalKnown = false;
      } else if (isTotal) {
        total = shipped[cells[i]];
      } else {
        knownCells += shipped[cells[i]];
      }
    }
    if (unknown.size() != 1) return;
    const std::int64_t value = totalKnown ? total - knownCells : knownCells;
    recovered.push_back(name + ": cell " + std::to_string(unknown[0]) + " = " +
                        std::to_string(value) +
                        (value == truth[unknown[0]] ? " (right)" : " (wrong?)"));
  };
  for (std::size_t r = 0; r < rows; ++r) {
    std::vector<std::size_t> cells;
    for (std::size_t c = 0; c < columns; ++c) cells.push_back(r * columns + c);
    tryLine(cells, "row " + std::to_string(r));
  }
  for (std::size_t c = 0; c < columns; ++c) {
    std::vector<std::size_t> cells;
    for (std::size_t r = 0; r < rows; ++r) cells.push_back(r * columns + c);
    tryLine(cells, "column " + std::to_string(c));
  }
  return recovered;
}

std::vector<std::string> attack(const CountGrid& grid, const std::vector<bool>& suppressed) {
  return attack(grid.rows, grid.columns, grid.counts, suppressed, grid.counts);
}

// The stronger attacker: all lines' equations at once. A suppressed value is fixed by them
// exactly when dropping its unknown lowers the rank of the system (then some combination of
// the equations names it alone). Ranks are taken modulo a prime: the coefficients are 0 and
// +-1 of a table's rows and columns, whose minors are 0 or +-1, so no rank differs from the
// rational one. Returns the cells so recovered.
std::int64_t rankModP(std::vector<std::vector<std::int64_t>> m) {
  constexpr std::int64_t p = 1000003;
  auto power = [](std::int64_t b, std::int64_t e) {
    std::int64_t r = 1;
    for (b %= p; e > 0; e >>= 1, b = b * b % p)
      if (e & 1) r = r * b % p;
    return r;
  };
  std::int64_t rank = 0;
  const std::size_t width = m.empty() ? 0 : m[0].size();
  for (std::size_t col = 0; col < width; ++col) {
    std::size_t pivot = static_cast<std::size_t>(rank);
    while (pivot < m.size() && m[pivot][col] % p == 0) ++pivot;
    if (pivot == m.size()) continue;
    std::swap(m[pivot], m[static_cast<std::size_t>(rank)]);
    auto& top = m[static_cast<std::size_t>(rank)];
    const std::int64_t inverse = power((top[col] % p + p) % p, p - 2);
    for (auto& v : top) v = (v % p + p) % p * inverse % p;
    for (std::size_t r = 0; r < m.size(); ++r) {
      if (r == static_cast<std::size_t>(rank) || m[r][col] % p == 0) continue;
      const std::int64_t f = (m[r][col] % p + p) % p;
      for (std::size_t c = 0; c < width; ++c) m[r][c] = ((m[r][c] - f * top[c]) % p + p) % p;
    }
    ++rank;
  }
  return rank;
}

std::vector<std::size_t> systemAttack(std::size_t rows, std::size_t columns,
                                      const std::vector<bool>& suppressed) {
  std::vector<std::size_t> unknowns;
  for (std::size_t i = 0; i < suppressed.size(); ++i)
    if (suppressed[i]) unknowns.push_back(i);
  // One equation per row and per column: +1 for a cell, -1 for the line's total.
  std::vector<std::vector<std::int64_t>> equations;
  for (std::size_t r = 0; r < rows; ++r) {
    std::vector<std::int64_t> e;
    for (std::size_t cell : unknowns)
      e.push_back(cell / columns != r ? 0 : cell % columns + 1 == columns ? -1 : 1);
    equations.push_back(e);
  }
  for (std::size_t c = 0; c < columns; ++c) {
    std::vector<std::int64_t> e;
    for (std::size_t cell : unknowns)
      e.push_back(cell % columns != c ? 0 : cell / columns + 1 == rows ? -1 : 1);
    equations.push_back(e);
  }
  const std::int64_t full = rankModP(equations);
  std::vector<std::size_t> recovered;
  for (std::size_t u = 0; u < unknowns.size(); ++u) {
    auto without = equations;
    for (auto& e : without) e.erase(e.begin() + static_cast<std::ptrdiff_t>(u));
    if (rankModP(without) < full) recovered.push_back(unknowns[u]);
  }
  return recovered;
}

using Picture = std::vector<std::string>;

TEST(Suppression, ASingleSmallCellTakesItsTotalsWithIt) {
  const CountGrid grid = withMargins({{3}});
  const auto suppressed = suppressCounts(grid);
  EXPECT_EQ(picture(2, 2, suppressed), (Picture{"xx", "xx"}))
      << "a 1 x 1 table's totals are the cell itself";
}

TEST(Suppression, ARowWithOneSmallCellGetsTheSmallestPositiveComplement) {
  // Row 0: 3 is below 5; of 12, 7 and the total 22 the 7 goes with it. Row 1 likewise 4 and
  // 6. Then every line has two or none, and the totals can all be shipped.
  const CountGrid grid = withMargins({{3, 12, 7}, {4, 20, 6}});
  const auto suppressed = suppressCounts(grid);
  EXPECT_EQ(picture(3, 4, suppressed), (Picture{"x.x.", "x.x.", "...."}));
  EXPECT_TRUE(attack(grid, suppressed).empty());
  // The classic rectangle: one small cell costs three more.
  const CountGrid square = withMargins({{3, 10}, {10, 10}});
  EXPECT_EQ(picture(3, 3, suppressCounts(square)), (Picture{"xx.", "xx.", "..."}));
}

TEST(Suppression, ASmallTotalIsSuppressedAndTheTotalsColumnIsProtected) {
  // School 0 has 3 pupils, all in grade 1: its total 3 is as small as the cell.
  const CountGrid grid = withMargins({{0, 3, 0}, {6, 7, 8}});
  const auto suppressed = suppressCounts(grid);
  EXPECT_TRUE(suppressed[3]) << "the small total";
  EXPECT_FALSE(suppressed[0]) << "zeros are shipped";
  EXPECT_FALSE(suppressed[2]);
  std::size_t inTotalsColumn = 0;
  for (std::size_t r = 0; r < 3; ++r) inTotalsColumn += suppressed[r * 4 + 3] ? 1 : 0;
  EXPECT_GE(inTotalsColumn, 2u);
  EXPECT_TRUE(attack(grid, suppressed).empty());
  EXPECT_EQ(picture(3, 4, suppressed), (Picture{".x.x", "xxxx", "x.x."}));
}

TEST(Suppression, ZerosAreShippedAndNoComplementWhileALineHasAPositiveCount) {
  const CountGrid none = withMargins({{0, 12}, {7, 0}});
  EXPECT_EQ(picture(3, 3, suppressCounts(none)), (Picture{"...", "...", "..."}));
  // Row 0 and column 0 each pass a zero by for the next positive count.
  const CountGrid grid = withMargins({{3, 0, 9}, {0, 0, 8}, {6, 0, 10}});
  const auto suppressed = suppressCounts(grid);
  EXPECT_EQ(picture(4, 4, suppressed), (Picture{"x.x.", "....", "x.x.", "...."}));
  EXPECT_TRUE(attack(grid, suppressed).empty());
}

TEST(Suppression, TwoRectanglesJoinedByOneCellGetACycleThroughIt) {
  // Nine small cells: a rectangle in the top left, one in the bottom right, and cell (0,2)
  // joining them. Every line has none or at least two, yet rows 0 and 1 minus columns 0 and 1
  // give (0,2) away. The product closes a cycle through it with the first 20 that does.
  const CountGrid grid =
      withMargins({{1, 1, 1, 20}, {1, 1, 20, 20}, {20, 20, 1, 1}, {20, 20, 1, 1}});
  std::vector<bool> primary(grid.counts.size());
  for (std::size_t i = 0; i < primary.size(); ++i) primary[i] = grid.counts[i] < 5;
  EXPECT_TRUE(attack(grid, primary).empty()) << "no single line gives it away";
  EXPECT_EQ(systemAttack(5, 5, primary), std::vector<std::size_t>{2}) << "all lines together do";
  const auto suppressed = suppressCounts(grid);
  EXPECT_EQ(picture(5, 5, suppressed), (Picture{"xxxx.", "xx...", "..xx.", "..xx.", "....."}));
  EXPECT_TRUE(systemAttack(5, 5, suppressed).empty());
}

TEST(Suppression, AWholeTableBelowKIsSuppressedButItsZero) {
  const CountGrid grid = withMargins({{1, 2}, {0, 1}});
  EXPECT_EQ(picture(3, 3, suppressCounts(grid)), (Picture{"xxx", ".xx", "xxx"}));
}

TEST(Suppression, KOfOneSuppressesNothingAndExactlyKIsShipped) {
  const CountGrid small = withMargins({{1, 2}, {3, 1}});
  EXPECT_EQ(picture(3, 3, suppressCounts(small, 1)), (Picture{"...", "...", "..."}));
  const CountGrid five = withMargins({{5, 5}, {5, 5}});
  EXPECT_EQ(picture(3, 3, suppressCounts(five, 5)), (Picture{"...", "...", "..."}));
  EXPECT_EQ(picture(3, 3, suppressCounts(five, 6)), (Picture{"xx.", "xx.", "..."}))
      << "k = 6: every cell is small, each row and column has two, totals of 10 are shipped";
  const CountGrid four = withMargins({{4, 5}, {5, 5}});
  EXPECT_EQ(picture(3, 3, suppressCounts(four, 5)), (Picture{"xx.", "xx.", "..."}));
  EXPECT_THROW(suppressCounts(five, 0), Error);
}

TEST(Suppression, GeneratedTablesLeakNothingToTheAttacker) {
  std::mt19937 rng(15);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const int ks[] = {1, 2, 3, 5, 5, 5, 10};
  int suppressedSome = 0;
  for (int n = 0; n < 4000; ++n) {
    const std::size_t rows = 1 + static_cast<std::size_t>(pick(8));
    const std::size_t columns = 1 + static_cast<std::size_t>(pick(8));
    Inner inner(rows, std::vector<std::int64_t>(columns));
    for (auto& row : inner)
      for (auto& v : row) {
        const int kind = pick(10);  // 3 in 10 zero, 4 in 10 from 1 to 4, the rest up to 40
        v = kind < 3 ? 0 : kind < 7 ? 1 + pick(4) : 5 + pick(36);
      }
    const int k = ks[pick(7)];
    const CountGrid grid = withMargins(inner);
    const std::vector<bool> suppressed = suppressCounts(grid, k);
    ASSERT_EQ(suppressed.size(), grid.counts.size());
    for (std::size_t i = 0; i < grid.counts.size(); ++i)
      if (!suppressed[i]) {
        ASSERT_FALSE(grid.counts[i] >= 1 && grid.counts[i] < k)
            << "table " << n << " ships " << grid.counts[i] << " with k " << k;
      }
    const auto recovered = attack(grid, suppressed);
    ASSERT_TRUE(recovered.empty()) << "table " << n << ": " << recovered[0];
    const auto fixed = systemAttack(grid.rows, grid.columns, suppressed);
    ASSERT_TRUE(fixed.empty()) << "table " << n << ": all lines together give cell " << fixed[0];
    ASSERT_EQ(suppressCounts(grid, k), suppressed) << "table " << n << ": not deterministic";
    suppressedSome += std::count(suppressed.begin(), suppressed.end(), true) > 0;
  }
  EXPECT_GT(suppressedSome, 2000) << "the generator should make many tables with small cells";
}

// One school, one grade per child list: `pupils` children of whom the first `flagged` have
// unauth_warn and unauthorised absence.
std::vector<test::Child> classOf(const std::string& school, int pupils, int flagged) {
  std::vector<test::Child> out;
  for (int i = 0; i < pupils; ++i) {
    summary::SummaryRow row;
    row.school = school;
    row.grade = 5;
    row.period = {20362, 20453};
    row.planned = 60;
    row.absent[static_cast<std::size_t>(summary::Category::Sick)] = 2;
    if (i < flagged) row.absent[static_cast<std::size_t>(summary::Category::Unauthorised)] = 7;
    row.unauthWarn = i < flagged;
    row.unauthNotify = false;
    out.push_back({{"101", row}});
  }
  return out;
}

TEST(Suppression, AFlagOnAFewOfManyPupilsIsSuppressedOnItsOwnWithItsRates) {
  std::vector<test::Child> children = classOf("280001", 30, 2);
  for (auto& child : classOf("280002", 30, 10)) children.push_back(child);
  const auto tables = test::accumulate(children).tables();
  ASSERT_EQ(tables.size(), 1u);
  const SuppressedTable t = suppress(tables[0]);
  // Rows: 280001, 280002, totals; columns: grade 5, the schools' totals.
  for (std::size_t i = 0; i < t.cells.size(); ++i) {
    EXPECT_FALSE(t.cells[i][Column::Pupils].suppressed) << i;
    EXPECT_FALSE(t.cells[i][Column::Planned].suppressed) << i;
    EXPECT_FALSE(t.cells[i][Column::AbsentSick].suppressed) << i;
  }
  EXPECT_EQ(t.at(0, 0)[Column::Pupils].value, 30);
  // 2 of 30 flagged: suppressed, and with it 280002's 10 (else 12 - 10) and both schools'
  // totals; the grade's total of 12 is shipped.
  for (auto [r, c, hidden] : {std::tuple{0, 0, true},
                              {0, 1, true},
                              {1, 0, true},
                              {1, 1, true},
                              {2, 0, false},
                              {2, 1, false}}) {
    const ShippedCell& cell = t.at(static_cast<std::size_t>(r), static_cast<std::size_t>(c));
    EXPECT_EQ(cell[Column::UnauthWarn].suppressed, hidden) << r << "," << c;
    EXPECT_EQ(cell[Column::AbsentUnauthorised].suppressed, hidden) << r << "," << c;
    EXPECT_EQ(cell.unauthorisedRate.suppressed, hidden) << r << "," << c;
    EXPECT_EQ(cell.absenceRate.suppressed, hidden) << r << "," << c;
    EXPECT_EQ(cell.unauthorisedRate.hundredths.has_value(), !hidden);
    if (hidden) {
      EXPECT_EQ(cell[Column::UnauthWarn].value, 0) << "a suppressed value holds 0";
    }
  }
  EXPECT_EQ(t.at(2, 0)[Column::UnauthWarn].value, 12);
  EXPECT_EQ(t.at(2, 0).unauthorisedRate.hundredths, 233);  // 84 of 3600 = 2.333 %
  EXPECT_FALSE(t.at(0, 0)[Column::UnauthNotify].suppressed) << "0 of 30 is shipped";
}

TEST(Suppression, PlannedUnitsGoWithThePupils) {
  std::vector<test::Child> children = classOf("280001", 3, 0);
  for (auto& child : classOf("280002", 30, 0)) children.push_back(child);
  const SuppressedTable t = suppress(test::accumulate(children).tables()[0]);
  EXPECT_TRUE(t.at(0, 0)[Column::Pupils].suppressed);
  EXPECT_TRUE(t.at(0, 0)[Column::Planned].suppressed) << "180 planned days would say 3 pupils";
  EXPECT_TRUE(t.at(0, 0)[Column::AbsentSick].suppressed) << "sick days of 3 pupils";
  EXPECT_TRUE(t.at(0, 0).absenceRate.suppressed);
  EXPECT_FALSE(t.at(0, 0)[Column::AbsentUnauthorised].suppressed) << "0 is shipped";
  EXPECT_TRUE(t.at(0, 0).unauthorisedRate.suppressed) << "its planned units are suppressed";
  EXPECT_TRUE(t.at(1, 0)[Column::Planned].suppressed) << "the complement in the grade's column";
  EXPECT_FALSE(t.at(2, 0)[Column::Planned].suppressed);
  EXPECT_EQ(t.at(2, 0)[Column::Planned].value, 33 * 60);
}

// A rate as the recipient would compute it from the naive sums: long division, then the
// remainder compared with half the divisor.
std::optional<std::int64_t> naiveRate(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return std::nullopt;
  const std::int64_t q = part * 10000 / whole, r = part * 10000 % whole;
  return 2 * r >= whole ? q + 1 : q;
}

TEST(Suppression, GeneratedChildrenShipOnlyTheNaiveSumsAndNothingRecoverable) {
  int checkedTables = 0, suppressedValues = 0;
  for (unsigned seed = 1; seed <= 40; ++seed) {
    std::mt19937 rng(seed);
    const auto children = test::generateChildren(rng, 10 + static_cast<int>(rng() % 400));
    const int k = seed % 4 == 0 ? 3 : 5;
    for (const TwoWayTable& table : test::accumulate(children).tables()) {
      ++checkedTables;
      const SuppressedTable t = suppress(table, k);
      ASSERT_EQ(t.cells.size(), table.cells.size());
      std::vector<test::NaiveCell> naive;
      for (std::size_t r = 0; r < table.rows(); ++r)
        for (std::size_t c = 0; c < table.columns(); ++c)
          naive.push_back(test::naiveCell(children, table, r, c));
      for (std::size_t col = 0; col < kColumns; ++col) {
        const auto column = static_cast<Column>(col);
        std::vector<std::int64_t> shipped, truth;
        std::vector<bool> suppressed;
        for (std::size_t i = 0; i < t.cells.size(); ++i) {
          const ShippedValue& v = t.cells[i].values[col];
          shipped.push_back(v.value);
          suppressed.push_back(v.suppressed);
          truth.push_back(naive[i].values[col]);
          // What is shipped is the naive sum; what is not holds 0.
          ASSERT_EQ(v.value, v.suppressed ? 0 : naive[i].values[col])
              << "seed " << seed << " " << columnName(column) << " cell " << i;
          if (v.suppressed) {
            ++suppressedValues;
            continue;
          }
          // No shipped value rests on 1 to k-1 pupils.
          std::int64_t behind = naive[i].values[index(Column::Pupils)];
          if (col >= index(Column::AbsentUnauthorised))
            behind = naive[i].absentPupils[col - index(Column::AbsentUnauthorised)];
          else if (column != Column::Planned)
            behind = naive[i].values[col];  // the counts of pupils themselves
          ASSERT_FALSE(behind >= 1 && behind < k)
              << "seed " << seed << " " << columnName(column) << " cell " << i << " ships "
              << v.value << " of " << behind << " pupils";
        }
        const auto recovered = attack(t.rows(), t.columns(), shipped, suppressed, truth);
        ASSERT_TRUE(recovered.empty())
            << "seed " << seed << " " << columnName(column) << ": " << recovered[0];
        const auto fixed = systemAttack(t.rows(), t.columns(), suppressed);
        ASSERT_TRUE(fixed.empty()) << "seed " << seed << " " << columnName(column)
                                   << ": all lines together give cell " << fixed[0];
      }
      for (std::size_t i = 0; i < t.cells.size(); ++i) {
        const ShippedCell& cell = t.cells[i];
        const auto& values = naive[i].values;
        const bool plannedShipped = !cell[Column::Planned].suppressed;
        const bool unauthorisedShipped = !cell[Column::AbsentUnauthorised].suppressed;
        bool allAbsentShipped = true;
        std::int64_t totalAbsent = 0;
        for (std::size_t c = 0; c < summary::kCategories; ++c) {
          allAbsentShipped &= !cell.values[index(Column::AbsentUnauthorised) + c].suppressed;
          totalAbsent += values[index(Column::AbsentUnauthorised) + c];
        }
        const std::int64_t planned = values[index(Column::Planned)];
        ASSERT_EQ(cell.unauthorisedRate.suppressed, !(plannedShipped && unauthorisedShipped));
        ASSERT_EQ(cell.absenceRate.suppressed, !(plannedShipped && allAbsentShipped));
        if (!cell.unauthorisedRate.suppressed) {
          ASSERT_EQ(cell.unauthorisedRate.hundredths,
                    naiveRate(values[index(Column::AbsentUnauthorised)], planned));
        } else {
          ASSERT_FALSE(cell.unauthorisedRate.hundredths);
        }
        if (!cell.absenceRate.suppressed) {
          ASSERT_EQ(cell.absenceRate.hundredths, naiveRate(totalAbsent, planned));
        } else {
          ASSERT_FALSE(cell.absenceRate.hundredths);
        }
      }
    }
  }
  EXPECT_GT(checkedTables, 300);
  EXPECT_GT(suppressedValues, 1000) << "the generated children should give many small cells";
}

}  // namespace
}  // namespace brobyg::aggregate
