#pragma once

#include <string>

namespace Poco::Data {
class Session;
}

namespace brobyg::state {

// The state database's schema version, kept in PRAGMA user_version. Version 0 is the
// schema before it was versioned (tables cursors, runs, outbox, disclosures; the fixture
// host/tests/state/fixtures/state-v1.db), or an empty file.
int latestSchemaVersion();

// Brings the database to latestSchemaVersion() by applying, in order, each migration
// whose version is above the database's. Each step runs in its own IMMEDIATE transaction
// together with the new user_version, so a crash leaves the database at a whole version
// and two processes opening it at once apply each step once. Returns the version found.
// Throws brobyg::Error naming `path` when the database is newer than this program (it
// would misread it) or a step fails. `upTo` above 0 stops at that version (tests make a
// database of an earlier version with it).
int migrateSchema(Poco::Data::Session& session, const std::string& path, int upTo = 0);

}  // namespace brobyg::state
