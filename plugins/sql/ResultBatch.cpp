#include "ResultBatch.h"

namespace brobyg::sql {

bool isExactKind(ColumnKind kind) {
  return kind == ColumnKind::Text || kind == ColumnKind::Integer;
}

const char* kindName(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::Text:
    case ColumnKind::Integer:
      return "text or whole number";
    case ColumnKind::Decimal:
      return "decimal";
    case ColumnKind::Boolean:
      return "boolean";
    case ColumnKind::Date:
      return "date";
    case ColumnKind::Time:
      return "time";
    case ColumnKind::Timestamp:
      return "timestamp";
    case ColumnKind::Binary:
      return "binary";
    case ColumnKind::Unknown:
      break;
  }
  return "unknown";
}

}  // namespace brobyg::sql
