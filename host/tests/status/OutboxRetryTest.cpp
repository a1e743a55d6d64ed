// The one retry rule of `brobyg outbox --retry`, POST /outbox/<id>/retry and the page's button.
#include <gtest/gtest.h>

#include "TempDir.h"
#include "state/StateStore.h"
#include "status/OutboxRetry.h"

using namespace brobyg;

namespace {
void stage(state::StateStore& store, const std::string& id) {
  state::OutboxEntry e;
  e.packageId = id;
  e.job = "job";
  e.destination = "drop";
  e.file = "/outbox/" + id;
  e.fileName = id;
  e.sha256 = std::string(64, 'a');
  const long run = store.beginRun("job");
  store.commitRun(run, {1, 0, 1, 0, id, "ok", ""}, {}, e);
}
}  // namespace

TEST(OutboxRetry, FailedAndWaitingPackagesBecomeDueNowOthersAreLeftAlone) {
  test::TempDir dir;
  state::StateStore store(dir.file("brobyg.db"));
  stage(store, "failed");
  store.markFailed("failed", "refused");
  stage(store, "waiting");
  store.markRetry("waiting", "timeout", state::nowSeconds() + 3600);
  stage(store, "staged");

  EXPECT_EQ(status::retryPackage(store, "failed").outcome, status::RetryOutcome::Requeued);
  EXPECT_EQ(store.outboxEntry("failed")->state, state::OutboxState::RetryWaiting);
  EXPECT_EQ(store.dueOutbox(state::nowSeconds()).size(), 2u) << "failed (now due) and staged";

  const int attempts = store.outboxEntry("waiting")->attempts;
  EXPECT_EQ(status::retryPackage(store, "waiting").outcome, status::RetryOutcome::Requeued);
  EXPECT_EQ(store.outboxEntry("waiting")->nextAttemptAt, 0) << "due at once";
  EXPECT_EQ(store.outboxEntry("waiting")->attempts, attempts) << "kept for the record";

  const status::Retry staged = status::retryPackage(store, "staged");
  EXPECT_EQ(staged.outcome, status::RetryOutcome::NotRetryable);
  EXPECT_EQ(staged.state, "staged");
  EXPECT_NE(staged.message.find("'staged' is staged"), std::string::npos) << staged.message;

  const status::Retry missing = status::retryPackage(store, "nope");
  EXPECT_EQ(missing.outcome, status::RetryOutcome::NoSuchPackage);
  EXPECT_EQ(missing.message, "no package 'nope' in the outbox");
}
