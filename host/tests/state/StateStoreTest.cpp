#include <gtest/gtest.h>

#include <filesystem>

#include "RegisterKeys.h"
#include "state/StateStore.h"
#include "util/Error.h"

namespace fs = std::filesystem;
using namespace brobyg::state;

namespace {

class StateStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("brobyg-state-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string db() const { return (dir_ / "brobyg.db").string(); }

  static OutboxEntry entry(const std::string& id) {
    OutboxEntry e;
    e.packageId = id;
    e.job = "job";
    e.destination = "drop";
    e.file = "/outbox/" + id + ".cms";
    e.fileName = id + ".cms";
    e.size = 42;
    e.sha256 = std::string(64, 'a');
    return e;
  }

  fs::path dir_;
};

}  // namespace

TEST_F(StateStoreTest, CursorsAndPackageCommitTogether) {
  {
    StateStore store(db());
    EXPECT_FALSE(store.cursor("job", "src").has_value());
    long run = store.beginRun("job");
    RunSummary s{10, 1, 9, 0, "pkg-1", "ok", ""};
    store.commitRun(run, s, {{"src", "cursor-1"}}, entry("pkg-1"));
  }
  StateStore reopened(db());
  EXPECT_EQ(reopened.cursor("job", "src"), "cursor-1");
  EXPECT_FALSE(reopened.cursor("other-job", "src").has_value()) << "cursors are per job";
  auto e = reopened.outboxEntry("pkg-1");
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->state, OutboxState::Staged);
  EXPECT_EQ(e->size, 42u);
  auto runs = reopened.runs("job", 5);
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].summary.rowsWritten, 9u);
  EXPECT_EQ(runs[0].summary.packageId, "pkg-1");
}

TEST_F(StateStoreTest, AFailedCommitChangesNothing) {
  StateStore store(db());
  long first = store.beginRun("job");
  store.commitRun(first, RunSummary{1, 0, 1, 0, "pkg-1", "ok", ""}, {{"src", "c1"}},
                  entry("pkg-1"));
  long second = store.beginRun("job");
  // The same package id again violates the outbox key: the cursor must not move either.
  EXPECT_THROW(store.commitRun(second, RunSummary{1, 0, 1, 0, "pkg-1", "ok", ""}, {{"src", "c2"}},
                               entry("pkg-1")),
               brobyg::Error);
  EXPECT_EQ(store.cursor("job", "src"), "c1");
  EXPECT_EQ(store.outbox().size(), 1u);
}

TEST_F(StateStoreTest, OutboxLifecycle) {
  StateStore store(db());
  store.commitRun(store.beginRun("job"), RunSummary{}, {}, entry("a"));
  store.commitRun(store.beginRun("job"), RunSummary{}, {}, entry("b"));
  EXPECT_EQ(store.dueOutbox(nowSeconds()).size(), 2u);

  store.markSending("a");
  brobyg::test::writeSigningKey(dir_.string(), "municipality");
  store.markDelivered("a", "receipt-a", *brobyg::test::signerIn(dir_.string(), "municipality"));
  store.markSending("b");
  store.markRetry("b", "network down", nowSeconds() + 3600);
  EXPECT_TRUE(store.dueOutbox(nowSeconds()).empty());
  ASSERT_EQ(store.dueOutbox(nowSeconds() + 3601).size(), 1u);

  auto a = store.outboxEntry("a");
  EXPECT_EQ(a->state, OutboxState::Delivered);
  EXPECT_EQ(a->receipt, "receipt-a");
  EXPECT_EQ(a->attempts, 1);

  store.markSending("b");
  store.markFailed("b", "gave up");
  EXPECT_EQ(store.outboxEntry("b")->state, OutboxState::Failed);
  store.requeue("b");
  auto b = store.outboxEntry("b");
  EXPECT_EQ(b->state, OutboxState::RetryWaiting);
  EXPECT_EQ(b->attempts, 2) << "attempts are kept for the record";
  EXPECT_EQ(store.dueOutbox(nowSeconds()).size(), 1u);
}

TEST_F(StateStoreTest, InterruptedSendIsResentAfterRestart) {
  {
    StateStore store(db());
    store.commitRun(store.beginRun("job"), RunSummary{}, {}, entry("a"));
    store.markSending("a");  // and then the process dies
  }
  StateStore store(db());
  EXPECT_EQ(store.recoverInterruptedSends(), 1);
  auto due = store.dueOutbox(nowSeconds());
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].packageId, "a");
  EXPECT_EQ(due[0].file, "/outbox/a.cms") << "the same stored file is sent again";
}

TEST_F(StateStoreTest, UsesWalWithFullSync) {
  StateStore store(db());
  EXPECT_EQ(store.journalMode(), "wal");
  EXPECT_EQ(store.synchronousLevel(), 2) << "FULL";
}
