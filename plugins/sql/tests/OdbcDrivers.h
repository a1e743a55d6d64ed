// The ODBC driver the tests use (psqlODBC), registered under a name of its own in an
// odbcinst.ini in a temporary folder (ODBCSYSINI), so that nothing global changes and the tests
// do not depend on how the machine registered its drivers.
#pragma once

namespace brobyg::sql::test {

inline constexpr const char* kPostgresOdbcDriver = "Brobyg Test PostgreSQL";

}  // namespace brobyg::sql::test
