#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "RegisterKeys.h"
#include "TempDir.h"
#include "state/RegisterSigner.h"
#include "state/StateSchema.h"
#include "state/StateStore.h"
#include "util/Error.h"

namespace fs = std::filesystem;
using namespace brobyg::state;
using namespace Poco::Data::Keywords;
using brobyg::test::TempDir;

namespace {

const std::string kFixture =
    std::string(BROBYG_SOURCE_DIR) + "/host/tests/state/fixtures/state-v1.db";

int userVersionOf(const std::string& path) {
  Poco::Data::SQLite::Connector::registerConnector();
  Poco::Data::Session session("SQLite", path);
  int version = -1;
  session << "PRAGMA user_version", into(version), now;
  return version;
}

void setUserVersion(const std::string& path, int version) {
  Poco::Data::SQLite::Connector::registerConnector();
  Poco::Data::Session session("SQLite", path);
  session << "PRAGMA user_version = " + std::to_string(version), now;
}

// The fixture stays untouched: tests open a copy (opening writes: WAL, migrations).
std::string copyOfFixture(const TempDir& tmp) {
  std::string db = tmp.file("brobyg.db");
  fs::copy_file(kFixture, db);
  return db;
}

}  // namespace

TEST(Migration, TheV1FixtureIsMigratedAndEverythingInItReadsBack) {
  TempDir tmp;
  const std::string db = copyOfFixture(tmp);
  ASSERT_EQ(userVersionOf(db), 0);
  {
    StateStore store(db);
    EXPECT_EQ(store.journalMode(), "wal");

    auto alpha = store.runs("alpha", 10);
    ASSERT_EQ(alpha.size(), 3u);
    EXPECT_EQ(alpha[0].id, 6);
    EXPECT_EQ(alpha[0].summary.packageId, "pkg-alpha-0003");
    EXPECT_EQ(alpha[2].summary.status, "nothing-new");
    EXPECT_EQ(alpha[2].summary.rowsRead, 10u);
    EXPECT_EQ(alpha[2].summary.rowsRejected, 1u);
    EXPECT_EQ(alpha[2].summary.rowsWritten, 9u);
    auto alphaB = store.runs("alpha-b", 10);
    ASSERT_EQ(alphaB.size(), 3u);
    EXPECT_EQ(alphaB[0].summary.status, "running");
    EXPECT_EQ(alphaB[1].summary.status, "failed");
    EXPECT_EQ(alphaB[1].summary.message, "source 'skole' (plugin csv): cannot open folder");
    EXPECT_TRUE(store.runCommitted("alpha", 2));
    EXPECT_FALSE(store.runCommitted("alpha-b", 2));

    EXPECT_EQ(store.cursor("alpha", "skole"), "cursor-3");
    EXPECT_EQ(store.cursor("alpha", "dagtilbud"), "cursor-a");
    EXPECT_EQ(store.cursor("alpha-b", "skole"), "cursor-b1");

    auto outbox = store.outbox();
    ASSERT_EQ(outbox.size(), 3u);
    auto retry = store.outboxEntry("pkg-alphab-0002");
    ASSERT_TRUE(retry.has_value());
    EXPECT_EQ(retry->state, OutboxState::RetryWaiting);
    EXPECT_EQ(retry->lastError, "connection refused");
    EXPECT_EQ(retry->nextAttemptAt, 1700000000);
    EXPECT_EQ(retry->attempts, 1);
    EXPECT_EQ(retry->size, 999u);
    EXPECT_EQ(store.outboxEntry("pkg-alpha-0001")->receipt, "receipt-0001");

    auto audit = store.verifyDisclosures();
    EXPECT_TRUE(audit.ok()) << audit.problem;
    EXPECT_EQ(audit.entries, 2);
    EXPECT_EQ(store.disclosures()[1].packageId, "pkg-alpha-0003");

    // What the new version adds works on the migrated database.
    EXPECT_EQ(store.committedDigests("alpha", "absence_event").generation, 0);
    EXPECT_EQ(store.markInterruptedRuns("alpha-b"), 1);
    const long run = store.beginRun("alpha");
    RunSummary summary;
    summary.status = "nothing-new";
    summary.rowsRead = 7;
    summary.rowsDuplicate = 7;
    store.commitRun(run, summary, {{"skole", "cursor-4"}}, std::nullopt,
                    {{"absence_event", run, 48}});
    EXPECT_EQ(store.runs("alpha", 1)[0].summary.rowsDuplicate, 7u);
    EXPECT_EQ(store.runs("alpha", 10)[1].summary.rowsDuplicate, 0u) << "older runs: none recorded";
    EXPECT_EQ(store.committedDigests("alpha", "absence_event").generation, run);
    EXPECT_EQ(store.committedDigests("alpha", "absence_event").bytes, 48u);
  }
  EXPECT_EQ(userVersionOf(db), latestSchemaVersion());
  StateStore reopened(db);  // a second open finds nothing to do
  EXPECT_EQ(reopened.cursor("alpha", "skole"), "cursor-4");
}

TEST(Migration, ANewDatabaseStartsAtTheLatestVersion) {
  TempDir tmp;
  { StateStore store(tmp.file("new.db")); }
  EXPECT_EQ(userVersionOf(tmp.file("new.db")), latestSchemaVersion());
  EXPECT_GE(latestSchemaVersion(), 2);
}

TEST(Migration, ADatabaseFromANewerVersionIsRefusedAndLeftAlone) {
  TempDir tmp;
  const std::string db = tmp.file("brobyg.db");
  { StateStore store(db); }
  setUserVersion(db, latestSchemaVersion() + 1);
  try {
    StateStore store(db);
    FAIL() << "a newer database was opened";
  } catch (const brobyg::Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(db), std::string::npos) << what;
    EXPECT_NE(what.find("newer than this brobyg understands"), std::string::npos) << what;
  }
  EXPECT_EQ(userVersionOf(db), latestSchemaVersion() + 1);
}

TEST(Migration, Version4RegisterEntriesStayUnsignedAndVerifyAfterTheUpgrade) {
  TempDir tmp;
  const std::string db = tmp.file("brobyg.db");
  {
    // A database exactly as version 4 left it, with two entries its code wrote (unsigned,
    // no kind, signer or signature column).
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::Session session("SQLite", db);
    migrateSchema(session, db, 4);
    std::string previous(64, '0');
    for (long seq = 1; seq <= 2; ++seq) {
      DisclosureEntry e;
      e.seq = seq;
      e.packageId = "pkg-" + std::to_string(seq);
      e.job = "job";
      e.destination = "drop";
      e.disclosure = "project=p agreement=DPA 2024/17 files=absence_event.csv:3";
      e.receipt = "r";
      e.deliveredAt = "2026-01-0" + std::to_string(seq) + "T00:00:00Z";
      e.previousHash = previous;
      e.hash = StateStore::disclosureHash(e);
      session << "INSERT INTO disclosures (seq, package_id, job, destination, disclosure,"
                 " receipt, delivered_at, previous_hash, hash) VALUES (?,?,?,?,?,?,?,?,?)",
          use(e.seq), use(e.packageId), use(e.job), use(e.destination), use(e.disclosure),
          use(e.receipt), use(e.deliveredAt), use(e.previousHash), use(e.hash), now;
      previous = e.hash;
    }
  }
  ASSERT_EQ(userVersionOf(db), 4);
  brobyg::test::writeSigningKey(tmp.path(), "municipality");
  RegisterVerifier verifier;
  verifier.addCertificate(tmp.file("municipality.crt"));
  StateStore store(db);
  EXPECT_EQ(userVersionOf(db), latestSchemaVersion());
  AuditResult before = store.verifyDisclosures(verifier);
  EXPECT_TRUE(before.ok()) << "old unsigned entries are no tampering: " << before.problem;
  EXPECT_EQ(before.unsignedEntries, 2);
  EXPECT_EQ(store.disclosures()[0].kind, kPackageDisclosure);

  // The next delivery is signed and chained after them.
  OutboxEntry next;
  next.packageId = "pkg-3";
  next.job = "job";
  next.destination = "drop";
  next.file = "/outbox/pkg-3.cms";
  next.fileName = "pkg-3.cms";
  next.sha256 = std::string(64, 'a');
  store.commitRun(store.beginRun("job"), RunSummary{}, {}, next);
  store.markDelivered("pkg-3", "r3", *brobyg::test::signerIn(tmp.path(), "municipality"));
  AuditResult after = store.verifyDisclosures(verifier);
  EXPECT_TRUE(after.ok()) << after.problem;
  EXPECT_EQ(after.unsignedEntries, 2);
  EXPECT_EQ(after.signedEntries, 1);
  EXPECT_EQ(store.registerHead().seq, 3);
}
