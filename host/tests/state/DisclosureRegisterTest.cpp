#include <gtest/gtest.h>

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>

#include <unistd.h>
#include <filesystem>

#include "state/StateStore.h"

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
      store.markDelivered(id, std::string("receipt-") + id);
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

  fs::path dir_;
};

}  // namespace

TEST_F(DisclosureRegisterTest, EveryDeliveryIsRecordedOnceInAChain) {
  StateStore store(db());
  store.markDelivered("p2", "receipt-p2");  // a repeated success adds nothing
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
