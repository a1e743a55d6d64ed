#include <gtest/gtest.h>

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>

#include <unistd.h>
#include <filesystem>
#include <memory>

#include "RegisterKeys.h"
#include "state/RegisterSigner.h"
#include "state/StateStore.h"
#include "util/Error.h"

namespace fs = std::filesystem;
using namespace brobyg::state;
using namespace Poco::Data::Keywords;

namespace {

class DisclosureRegisterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("brobyg-register-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    brobyg::test::writeSigningKey(dir_.string(), "municipality");
    signer_ = brobyg::test::signerIn(dir_.string(), "municipality");
    verifier_.addCertificate((dir_ / "municipality.crt").string());
    StateStore store(db());
    for (const char* id : {"p1", "p2", "p3"}) {
      OutboxEntry e;
      e.packageId = id;
      e.job = "job";
      e.destination = "drop";
      e.file = "/outbox/x";
      e.fileName = "x";
      e.sha256 = std::string(64, 'a');
      e.disclosure = std::string("project=p files=absence_event.csv:10 package=") + id;
      store.commitRun(store.beginRun("job"), RunSummary{}, {}, e);
      store.markSending(id);
      store.markDelivered(id, std::string("receipt-") + id, *signer_);
    }
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string db() const { return (dir_ / "brobyg.db").string(); }

  // Someone with write access to the database edits it behind brobyg's back.
  void tamper(const std::string& sql) {
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::Session session("SQLite", db());
    session << sql, now;
  }

  // Entries 2 and 3 change places, each keeping its own hash and signature.
  void swapEntries2And3() {
    tamper("UPDATE disclosures SET seq = 99 WHERE seq = 2");
    tamper("UPDATE disclosures SET seq = 2 WHERE seq = 3");
    tamper("UPDATE disclosures SET seq = 3 WHERE seq = 99");
  }

  // The audit as `brobyg audit verify` runs it: chain and signatures.
  AuditResult audit() { return StateStore(db()).verifyDisclosures(verifier_); }

  fs::path dir_;
  std::unique_ptr<RegisterSigner> signer_;
  RegisterVerifier verifier_;
};

}  // namespace

TEST_F(DisclosureRegisterTest, EveryDeliveryIsRecordedOnceInAChain) {
  StateStore store(db());
  store.markDelivered("p2", "receipt-p2", *signer_);  // a repeated success adds nothing
  auto entries = store.disclosures();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].previousHash, std::string(64, '0'));
  EXPECT_EQ(entries[1].previousHash, entries[0].hash);
  EXPECT_EQ(entries[2].disclosure, "project=p files=absence_event.csv:10 package=p3");
  EXPECT_EQ(entries[2].receipt, "receipt-p3");
  auto audit = store.verifyDisclosures();
  EXPECT_TRUE(audit.ok()) << audit.problem;
  EXPECT_EQ(audit.entries, 3);
  EXPECT_EQ(audit.head, entries[2].hash);
}

TEST_F(DisclosureRegisterTest, AnEditedEntryIsDetected) {
  tamper("UPDATE disclosures SET disclosure = 'project=p files=absence_event.csv:9' WHERE seq = 2");
  auto audit = StateStore(db()).verifyDisclosures();
  EXPECT_FALSE(audit.ok());
  EXPECT_EQ(audit.firstBroken, 2);
  EXPECT_EQ(audit.problem, "entry 2 was changed after it was written");
}

TEST_F(DisclosureRegisterTest, ARemovedEntryIsDetected) {
  tamper("DELETE FROM disclosures WHERE seq = 2");
  auto audit = StateStore(db()).verifyDisclosures();
  EXPECT_FALSE(audit.ok());
  EXPECT_EQ(audit.problem, "entry 2 is missing");
}

TEST_F(DisclosureRegisterTest, ARewrittenHashIsDetectedByTheNextEntry) {
  // Editing an entry and recomputing its own hash still breaks the link to the next one.
  StateStore store(db());
  auto entries = store.disclosures();
  DisclosureEntry edited = entries[1];
  edited.disclosure = "project=p files=absence_event.csv:1";
  std::string hash = StateStore::disclosureHash(edited);
  tamper("UPDATE disclosures SET disclosure = '" + edited.disclosure + "', hash = '" + hash +
         "' WHERE seq = 2");
  auto audit = StateStore(db()).verifyDisclosures();
  EXPECT_EQ(audit.firstBroken, 3);
  EXPECT_EQ(audit.problem, "entry 3 does not follow the entry before it");
}

namespace {

// What someone who can write brobyg.db but lacks the signing key can do: recompute every
// hash from `fromSeq` on, in plain SQL, so that the chain reads as intact again.
void rehashFrom(const std::string& db, long fromSeq) {
  std::vector<DisclosureEntry> entries = StateStore(db).disclosures();
  Poco::Data::Session session("SQLite", db);
  std::string previous = entries[static_cast<std::size_t>(fromSeq - 2)].hash;
  for (DisclosureEntry e : entries) {
    if (e.seq < fromSeq) continue;
    e.previousHash = previous;
    e.hash = StateStore::disclosureHash(e);
    session << "UPDATE disclosures SET previous_hash = ?, hash = ? WHERE seq = ?",
        use(e.previousHash), use(e.hash), use(e.seq), now;
    previous = e.hash;
  }
}

}  // namespace

TEST_F(DisclosureRegisterTest, EveryEntryIsSignedAndVerifies) {
  auto entries = StateStore(db()).disclosures();
  for (const auto& e : entries) {
    EXPECT_EQ(e.signer, signer_->fingerprint());
    EXPECT_FALSE(e.signature.empty());
    EXPECT_EQ(e.kind, kPackageDisclosure);
  }
  AuditResult result = audit();
  EXPECT_TRUE(result.ok()) << result.problem;
  EXPECT_EQ(result.signedEntries, 3);
  EXPECT_EQ(result.unsignedEntries, 0);
}

TEST_F(DisclosureRegisterTest, SignedChainDetectsAChangedEntry) {
  tamper("UPDATE disclosures SET destination = 'elsewhere' WHERE seq = 2");
  AuditResult result = audit();
  EXPECT_EQ(result.firstBroken, 2);
  EXPECT_EQ(result.problem, "entry 2 was changed after it was written");
}

TEST_F(DisclosureRegisterTest, ADeletedEntryRenumberedAndRehashedFailsOnItsSignature) {
  tamper("DELETE FROM disclosures WHERE seq = 2");
  tamper("UPDATE disclosures SET seq = 2 WHERE seq = 3");
  rehashFrom(db(), 2);
  EXPECT_TRUE(StateStore(db()).verifyDisclosures().ok()) << "the hashes alone now agree";
  AuditResult result = audit();
  EXPECT_EQ(result.firstBroken, 2);
  EXPECT_NE(result.problem.find("a signature that does not match its content"), std::string::npos)
      << result.problem;
}

TEST_F(DisclosureRegisterTest, SignedChainDetectsReorderedEntries) {
  swapEntries2And3();
  AuditResult result = audit();
  EXPECT_EQ(result.firstBroken, 2);
  EXPECT_EQ(result.problem, "entry 2 does not follow the entry before it");
}

TEST_F(DisclosureRegisterTest, AReorderedAndRehashedChainFailsOnItsSignatures) {
  swapEntries2And3();
  rehashFrom(db(), 2);
  EXPECT_TRUE(StateStore(db()).verifyDisclosures().ok()) << "the hashes alone now agree";
  AuditResult result = audit();
  EXPECT_EQ(result.firstBroken, 2);
  EXPECT_EQ(result.problem,
            "entry 2 has a signature that does not match its content: it was changed by someone"
            " without the signing key");
}

TEST_F(DisclosureRegisterTest, AChangedAndRehashedEntryFailsOnItsSignature) {
  tamper("UPDATE disclosures SET disclosure = 'project=p files=absence_event.csv:1' WHERE seq = 2");
  rehashFrom(db(), 2);
  EXPECT_TRUE(StateStore(db()).verifyDisclosures().ok()) << "the hashes alone now agree";
  AuditResult result = audit();
  EXPECT_EQ(result.firstBroken, 2);
  EXPECT_NE(result.problem.find("a signature that does not match its content"), std::string::npos)
      << result.problem;
}

TEST_F(DisclosureRegisterTest, ARemovedSignatureAfterSignedEntriesIsDetected) {
  tamper("UPDATE disclosures SET signer = '', signature = '' WHERE seq = 3");
  AuditResult result = audit();
  EXPECT_EQ(result.firstBroken, 3);
  EXPECT_EQ(result.problem, "entry 3 is unsigned, but entries before it are signed");
}

TEST_F(DisclosureRegisterTest, AnEntryResignedWithAnotherKeyIsNotAccepted) {
  brobyg::test::writeSigningKey(dir_.string(), "intruder");
  auto intruder = brobyg::test::signerIn(dir_.string(), "intruder");
  DisclosureEntry e = StateStore(db()).disclosures()[1];
  e.signer = intruder->fingerprint();
  e.signature = intruder->sign(StateStore::signedBytes(e));
  tamper("UPDATE disclosures SET signer = '" + e.signer + "', signature = '" + e.signature +
         "' WHERE seq = 2");
  AuditResult result = audit();
  EXPECT_EQ(result.firstBroken, 2);
  EXPECT_NE(result.problem.find("signed by a certificate not given"), std::string::npos)
      << result.problem;
}

TEST_F(DisclosureRegisterTest, KeyEventsAreSignedEntriesOfTheirOwnKind) {
  StateStore store(db());
  DisclosureEntry event;
  event.kind = kKeyExport;
  event.packageId = "key-export-1";
  event.job = "proj";
  event.destination = "sha256:" + std::string(64, 'b');
  event.disclosure = "project=proj key_id=0123456789abcdef";
  DisclosureEntry stored = store.recordKeyEvent(event, *signer_);
  EXPECT_EQ(stored.seq, 4);
  EXPECT_EQ(store.registerHead().seq, 4);
  EXPECT_EQ(store.registerHead().hash, stored.hash);
  EXPECT_TRUE(audit().ok()) << audit().problem;
  // The kind is covered: a key event cannot be passed off as a package delivery.
  tamper("UPDATE disclosures SET kind = 'package' WHERE seq = 4");
  EXPECT_EQ(audit().problem, "entry 4 was changed after it was written");
  event.kind = "package";
  EXPECT_THROW(store.recordKeyEvent(event, *signer_), brobyg::Error);
}

TEST_F(DisclosureRegisterTest, AKeyThatIsNotTheCertificatesIsRefused) {
  brobyg::test::writeSigningKey(dir_.string(), "other");
  EXPECT_THROW(RegisterSigner((dir_ / "municipality.crt").string(), (dir_ / "other.key").string()),
               brobyg::Error);
}
