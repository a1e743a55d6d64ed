// The sql plugin's settings table: validates configuration in the host and documents it
// (`brobyg plugins --describe sql`). A header so that tests fill in the same defaults.
#pragma once

#include <brobyg_plugin.h>

namespace brobyg::sql {

inline constexpr brobyg_setting_def kSettings[] = {
    {"connector", BROBYG_SETTING_CHOICE, BROBYG_SETTING_REQUIRED, nullptr, "sqlite|postgresql|odbc",
     "Database client: sqlite (a database file), postgresql (libpq), or odbc (any ODBC driver: "
     "SQL Server, Oracle, ...)."},
    {"connection", BROBYG_SETTING_STRING, BROBYG_SETTING_REQUIRED, nullptr, nullptr,
     "How to reach the database, without the password. sqlite: the database file's absolute "
     "path (opened read-only). postgresql: libpq keywords, e.g. host=db.example port=5432 "
     "dbname=sag user=brobyg sslmode=verify-full. odbc: DRIVER={...};SERVER=...;DATABASE=...;"
     "UID=... or DSN=.... A connection string holding a password is refused: give it as the "
     "setting password."},
    {"password", BROBYG_SETTING_STRING, BROBYG_SETTING_SECRET, nullptr, nullptr,
     "The database user's password (postgresql, odbc). Secret: only from a private file "
     "(<setting key=\"password\" file=\"...\"/>) or an environment variable (env=\"...\"); "
     "never printed. The plugin hands it to the database client itself (libpq: a connection "
     "parameter of its own; ODBC: PWD in the connection string)."},
    {"query", BROBYG_SETTING_STRING, BROBYG_SETTING_REQUIRED, nullptr, nullptr,
     "A SELECT returning the rows after the named parameters :watermark and :key, ordered by "
     "watermark and key, e.g. SELECT ... WHERE changed_at > :watermark OR (changed_at = "
     ":watermark AND id > :key) ORDER BY changed_at, id. The parameters are bound as text "
     "(cast them where the database needs it, e.g. CAST(:watermark AS timestamp))."},
    {"watermark_column", BROBYG_SETTING_STRING, BROBYG_SETTING_REQUIRED, nullptr, nullptr,
     "Result column holding each row's watermark (e.g. its change time). Select it as text or "
     "a whole number (CAST(changed_at AS TEXT) AS changed_at), so that the cursor keeps its "
     "exact value; a date, time or decimal column is refused."},
    {"key_column", BROBYG_SETTING_STRING, BROBYG_SETTING_REQUIRED, nullptr, nullptr,
     "Result column breaking ties between rows with the same watermark: unique among them "
     "(e.g. the row's id). Text or a whole number."},
    {"initial_watermark", BROBYG_SETTING_STRING, 0, "1900-01-01 00:00:00", nullptr,
     "The :watermark of the first run, before any row was delivered: earlier than every row."},
    {"initial_key", BROBYG_SETTING_STRING, 0, "-1", nullptr,
     "The :key of the first run: below every key (-1 for ids from 0; write a value of the "
     "key's own type, e.g. an empty text or the smallest uuid, when it is not a number)."},
    {"batch_size", BROBYG_SETTING_INT, 0, "1000", "1..100000",
     "Rows fetched from the database at a time; memory holds one batch, whatever the row "
     "count. The cursor is recorded after each batch."},
    {"query_timeout", BROBYG_SETTING_DURATION, 0, "5m", "1s..1d",
     "How long one fetch, a lock wait or a connection attempt may take. A database that is "
     "down, locked or slower than this makes the run retry later."},
    {"leading_number", BROBYG_SETTING_STRING, 0, "", nullptr,
     "Whole-number fields, comma-separated, whose values may go on after the number (7.b): only "
     "the leading digits are kept."},
    {"column", BROBYG_SETTING_MAP, 0, nullptr, nullptr,
     "Dataset field -> result column name (case-insensitive). Every required field needs a "
     "column or a constant. Dates come from DATE or TIMESTAMP columns, or text written "
     "yyyy-mm-dd (convert other spellings in the query). Example: column.person = cpr"},
    {"constant", BROBYG_SETTING_MAP, 0, nullptr, nullptr,
     "Dataset field -> fixed value for every row. Example: constant.municipality = 0101"},
    {"value", BROBYG_SETTING_MAP, 0, nullptr, nullptr,
     "<field>.<source value> -> dataset value, matched after trimming and case-insensitively; "
     "<field>.* maps any other non-empty value. Example: value.kind.Underretning = notification"},
};

}  // namespace brobyg::sql
