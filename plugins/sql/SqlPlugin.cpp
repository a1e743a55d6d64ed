// Entry point of the sql source plugin.
#include "SqlSettingsTable.h"
#include "SqlSource.h"

#include <brobyg_plugin.hpp>

BROBYG_SOURCE_PLUGIN(brobyg::sql::SqlSource, "sql", "1.0.0",
                     "Case systems' SQL databases (SQLite, PostgreSQL, ODBC), read "
                     "incrementally by a watermark and a tie-breaker key",
                     brobyg::sql::kSettings)
