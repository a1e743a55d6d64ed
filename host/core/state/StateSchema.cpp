#include "state/StateSchema.h"

#include <Poco/Data/Session.h>
#include <Poco/Exception.h>
#include <Poco/Logger.h>

#include <iterator>

#include "util/Error.h"

using namespace Poco::Data::Keywords;

namespace brobyg::state {

namespace {

// One named step. Never edit a step that has shipped: add the next one.
struct Migration {
  int version;
  const char* name;
  const char* const* statements;  // null-terminated
};

// Version 1: the schema as it stood before versioning. IF NOT EXISTS, because a version-0
// database may already hold these tables (made by older code) or be empty.
const char* const kInitialSchema[] = {
    "CREATE TABLE IF NOT EXISTS cursors ("
    " job TEXT NOT NULL, source TEXT NOT NULL, cursor BLOB NOT NULL, updated_at TEXT NOT NULL,"
    " PRIMARY KEY (job, source))",
    "CREATE TABLE IF NOT EXISTS runs ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT, job TEXT NOT NULL, started_at TEXT NOT NULL,"
    " finished_at TEXT, status TEXT NOT NULL DEFAULT 'running', rows_read INTEGER DEFAULT 0,"
    " rows_rejected INTEGER DEFAULT 0, rows_written INTEGER DEFAULT 0, package_id TEXT,"
    " message TEXT)",
    "CREATE TABLE IF NOT EXISTS outbox ("
    " package_id TEXT PRIMARY KEY, job TEXT NOT NULL, destination TEXT NOT NULL,"
    " file TEXT NOT NULL, file_name TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL,"
    " state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,"
    " next_attempt_at INTEGER NOT NULL DEFAULT 0, last_error TEXT NOT NULL DEFAULT '',"
    " receipt TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL,"
    " delivered_at TEXT NOT NULL DEFAULT '', disclosure TEXT NOT NULL DEFAULT '')",
    "CREATE TABLE IF NOT EXISTS disclosures ("
    " seq INTEGER PRIMARY KEY, package_id TEXT NOT NULL UNIQUE, job TEXT NOT NULL,"
    " destination TEXT NOT NULL, disclosure TEXT NOT NULL, receipt TEXT NOT NULL,"
    " delivered_at TEXT NOT NULL, previous_hash TEXT NOT NULL, hash TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS outbox_due ON outbox (state, next_attempt_at)",
    nullptr,
};

// Version 2: the committed length of each job's row-digest file per dataset
// (RowDigestStore, issue 10 #2).
const char* const kRowDigests[] = {
    "CREATE TABLE row_digests ("
    " job TEXT NOT NULL, dataset TEXT NOT NULL, bytes INTEGER NOT NULL,"
    " updated_at TEXT NOT NULL, PRIMARY KEY (job, dataset))",
    nullptr,
};

// Version 3: row digests become keyed SipHash-2-4 in sorted files, one per committed
// generation (RowDigestStore). Version 2's files held unsorted SHA-256 digests that cannot be
// compared with the new ones, so their records are dropped and the files removed at the next
// run: rows of a file that changed after it was read may then be delivered once more. Runs
// record the rows they left out as duplicates, so that read = written + rejected + duplicates.
const char* const kDigestGenerations[] = {
    "DELETE FROM row_digests",
    "ALTER TABLE row_digests ADD COLUMN generation INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE runs ADD COLUMN rows_duplicate INTEGER NOT NULL DEFAULT 0",
    nullptr,
};

// Version 4: the time up to which each job's schedule was handled (brobygd), so that a run
// that fell due while the service was down is run once or skipped after a restart.
const char* const kScheduleMarks[] = {
    "CREATE TABLE schedule_marks ("
    " job TEXT PRIMARY KEY, handled_until INTEGER NOT NULL)",
    nullptr,
};

// Version 5: signed register entries (issue 16 #5). Entries written before stay unsigned and
// are reported as such by verify; key-export and key-import become entries of their own kind.
const char* const kSignedRegister[] = {
    "ALTER TABLE disclosures ADD COLUMN kind TEXT NOT NULL DEFAULT 'package'",
    "ALTER TABLE disclosures ADD COLUMN signer TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE disclosures ADD COLUMN signature TEXT NOT NULL DEFAULT ''",
    nullptr,
};

const Migration kMigrations[] = {
    {1, "initial schema", kInitialSchema},
    {2, "row digests", kRowDigests},
    {3, "row digest generations", kDigestGenerations},
    {4, "schedule marks", kScheduleMarks},
    {5, "signed register", kSignedRegister},
};

int userVersion(Poco::Data::Session& session) {
  int version = 0;
  session << "PRAGMA user_version", into(version), now;
  return version;
}

void refuseNewer(int found, const std::string& path) {
  if (found > latestSchemaVersion())
    throw Error(path + ": the state database has schema version " + std::to_string(found) +
                ", newer than this brobyg understands (" + std::to_string(latestSchemaVersion()) +
                "); run the brobyg version that wrote it, or restore a backup");
}

// Applies `step` unless another process did it first. Returns whether it applied it.
bool apply(Poco::Data::Session& session, const Migration& step, const std::string& path) {
  session << "BEGIN IMMEDIATE", now;
  try {
    int current = userVersion(session);
    refuseNewer(current, path);
    if (current >= step.version) {
      session << "ROLLBACK", now;
      return false;
    }
    for (const char* const* sql = step.statements; *sql != nullptr; ++sql) session << *sql, now;
    session << "PRAGMA user_version = " + std::to_string(step.version), now;
    session << "COMMIT", now;
    return true;
  } catch (...) {
    try {
      session << "ROLLBACK", now;
    } catch (const Poco::Exception&) {
      // The transaction is already gone; the first error is the one to report.
    }
    throw;
  }
}

}  // namespace

int latestSchemaVersion() {
  return std::prev(std::end(kMigrations))->version;
}

int migrateSchema(Poco::Data::Session& session, const std::string& path, int upTo) {
  const int found = userVersion(session);
  refuseNewer(found, path);
  for (const Migration& step : kMigrations) {
    if (step.version <= found || (upTo > 0 && step.version > upTo)) continue;
    try {
      if (apply(session, step, path))
        Poco::Logger::get("brobyg.state")
            .information(path + ": state database migrated to version " +
                         std::to_string(step.version) + " (" + step.name + ")");
    } catch (const Poco::Exception& e) {
      throw Error(path + ": cannot migrate the state database to version " +
                  std::to_string(step.version) + " (" + step.name + "): " + e.displayText());
    }
  }
  return found;
}

}  // namespace brobyg::state
