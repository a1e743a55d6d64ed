// The ODBC drivers the tests use, registered under their own names in an odbcinst.ini in a
// temporary folder (ODBCSYSINI), so that nothing global changes and the tests do not depend
// on how the machine registered its drivers.
#pragma once

namespace brobyg::sql::test {

inline constexpr const char* kSqliteOdbcDriver = "Brobyg Test SQLite3";
inline constexpr const char* kPostgresOdbcDriver = "Brobyg Test PostgreSQL";

}  // namespace brobyg::sql::test
