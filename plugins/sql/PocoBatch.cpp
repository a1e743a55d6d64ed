#include "PocoBatch.h"

#include "ColumnText.h"

namespace brobyg::sql {

std::string PocoBatch::columnName(std::size_t column) const {
  return records_.columnName(column);
}

ColumnKind PocoBatch::columnKind(std::size_t column) const {
  return kindOf(records_.columnType(column));
}

bool PocoBatch::text(std::size_t column, std::size_t row, std::string_view& out) const {
  std::string& text = scratch_.at(column);
  if (!columnText(records_.value(column, row), text)) return false;
  out = text;
  return true;
}

}  // namespace brobyg::sql
