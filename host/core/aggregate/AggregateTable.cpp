#include "aggregate/AggregateTable.h"

#include <set>

namespace brobyg::aggregate {

namespace {

using summary::Category;
using summary::SummaryRow;

constexpr std::array<const char*, kColumns> kNames = {
    "pupils",         "unauth_warn",       "unauth_notify",
    "high_total",     "planned",           "absent_unauthorised",
    "absent_unknown", "absent_authorised", "absent_sick"};

// One child's figures in one cell: its rows there merged, so that it counts once.
struct ChildInCell {
  std::int64_t planned = 0;
  std::array<std::int64_t, summary::kCategories> absent{};
  bool warn = false, notify = false, high = false;

  void add(const SummaryRow& row) {
    planned += row.planned;
    for (std::size_t c = 0; c < summary::kCategories; ++c) absent[c] += row.absent[c];
    warn = warn || row.unauthWarn.value_or(false);
    notify = notify || row.unauthNotify.value_or(false);
    high = high || row.highTotal.value_or(false);
  }

  Counts counts() const {
    Counts out;
    out.values[index(Column::Pupils)] = 1;
    out.values[index(Column::UnauthWarn)] = warn ? 1 : 0;
    out.values[index(Column::UnauthNotify)] = notify ? 1 : 0;
    out.values[index(Column::HighTotal)] = high ? 1 : 0;
    out.values[index(Column::Planned)] = planned;
    for (std::size_t c = 0; c < summary::kCategories; ++c) {
      out.values[index(absentColumn(static_cast<Category>(c)))] = absent[c];
      out.absentPupils[c] = absent[c] > 0 ? 1 : 0;
    }
    return out;
  }
};

}  // namespace

Column absentColumn(Category category) {
  return static_cast<Column>(index(Column::AbsentUnauthorised) +
                             static_cast<std::size_t>(category));
}

const char* columnName(Column c) {
  return kNames[index(c)];
}

std::int64_t Counts::totalAbsent() const {
  std::int64_t total = 0;
  for (std::size_t c = 0; c < summary::kCategories; ++c)
    total += values[index(absentColumn(static_cast<Category>(c)))];
  return total;
}

Counts& Counts::operator+=(const Counts& other) {
  for (std::size_t i = 0; i < kColumns; ++i) values[i] += other.values[i];
  for (std::size_t c = 0; c < summary::kCategories; ++c) absentPupils[c] += other.absentPupils[c];
  return *this;
}

std::optional<std::int64_t> unauthorisedRate(const Counts& counts) {
  return rateHundredths(counts[Column::AbsentUnauthorised], counts[Column::Planned]);
}

std::optional<std::int64_t> absenceRate(const Counts& counts) {
  return rateHundredths(counts.totalAbsent(), counts[Column::Planned]);
}

void AggregateTable::addPupil(const std::vector<PupilRow>& rows) {
  std::map<std::tuple<TableId, std::string, int>, ChildInCell> child;
  std::map<TableId, TableKey> keys;
  for (const PupilRow& r : rows) {
    const SummaryRow& row = r.row;
    const TableId id{r.municipality, static_cast<int>(row.kind), row.period.first,
                     static_cast<int>(row.unit)};
    keys.try_emplace(id, TableKey{r.municipality, row.kind, row.period, row.unit});
    child[{id, row.school, row.grade}].add(row);
  }
  for (const auto& [where, figures] : child) {
    const auto& [id, school, grade] = where;
    Inner& table = tables_.try_emplace(id, Inner{keys.at(id), {}}).first->second;
    table.cells[{school, grade}] += figures.counts();
  }
}

std::vector<TwoWayTable> AggregateTable::tables() const {
  std::vector<TwoWayTable> out;
  for (const auto& [id, inner] : tables_) {
    TwoWayTable table;
    table.key = inner.key;
    std::set<std::string> schools;
    std::set<int> grades;
    for (const auto& [cell, counts] : inner.cells) {
      schools.insert(cell.first);
      grades.insert(cell.second);
    }
    table.schools.assign(schools.begin(), schools.end());
    table.grades.assign(grades.begin(), grades.end());
    const std::size_t rows = table.rows(), columns = table.columns();
    table.cells.assign(rows * columns, Counts{});
    for (std::size_t r = 0; r + 1 < rows; ++r)
      for (std::size_t c = 0; c + 1 < columns; ++c) {
        const auto found = inner.cells.find({table.schools[r], table.grades[c]});
        if (found == inner.cells.end()) continue;
        table.cells[r * columns + c] += found->second;
        table.cells[r * columns + columns - 1] += found->second;           // the school's total
        table.cells[(rows - 1) * columns + c] += found->second;            // the grade's total
        table.cells[(rows - 1) * columns + columns - 1] += found->second;  // the grand total
      }
    out.push_back(std::move(table));
  }
  return out;
}

}  // namespace brobyg::aggregate
