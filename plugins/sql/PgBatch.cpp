#include "PgBatch.h"

namespace brobyg::sql {

ColumnKind pgKindOf(Oid oid) {
  // OIDs of the built-in types (PostgreSQL's catalog/pg_type.dat; fixed across versions).
  switch (oid) {
    case 16:  // bool
      return ColumnKind::Boolean;
    case 17:  // bytea
      return ColumnKind::Binary;
    case 20:  // int8
    case 21:  // int2
    case 23:  // int4
    case 26:  // oid
      return ColumnKind::Integer;
    case 700:   // float4
    case 701:   // float8
    case 790:   // money
    case 1700:  // numeric
      return ColumnKind::Decimal;
    case 1082:  // date
      return ColumnKind::Date;
    case 1083:  // time
    case 1266:  // timetz
      return ColumnKind::Time;
    case 1114:  // timestamp
    case 1184:  // timestamptz
      return ColumnKind::Timestamp;
    default:  // text, varchar, bpchar, name, uuid, enums, domains over text, ...
      return ColumnKind::Text;
  }
}

PgBatch::PgBatch(const PGresult* result)
    : result_(result), rows_(static_cast<std::size_t>(PQntuples(result))) {
  const int columns = PQnfields(result);
  for (int c = 0; c < columns; ++c) kinds_.push_back(pgKindOf(PQftype(result, c)));
}

std::string PgBatch::columnName(std::size_t column) const {
  return PQfname(result_, static_cast<int>(column));
}

bool PgBatch::text(std::size_t column, std::size_t row, std::string_view& out) const {
  const int r = static_cast<int>(row);
  const int c = static_cast<int>(column);
  if (PQgetisnull(result_, r, c) != 0) {
    out = {};
    return true;
  }
  const char* value = PQgetvalue(result_, r, c);
  switch (kinds_[column]) {
    case ColumnKind::Binary:
      return false;
    case ColumnKind::Boolean:
      // As the Poco connectors spell a boolean, so that value maps keep working.
      out = value[0] == 't' ? "true" : "false";
      return true;
    default:
      out = std::string_view(value, static_cast<std::size_t>(PQgetlength(result_, r, c)));
      return true;
  }
}

}  // namespace brobyg::sql
