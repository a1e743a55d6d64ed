// The status model from a real state store: last success, durations, next run, outbox age.
#include <Poco/Data/Session.h>
#include <gtest/gtest.h>

#include "TempDir.h"
#include "config/Config.h"
#include "state/StateStore.h"
#include "status/StatusModel.h"

using namespace brobyg;
using namespace Poco::Data::Keywords;

namespace {

config::Config twoJobs(const std::string& stateDirectory) {
  config::Config c;
  c.path = stateDirectory + "/brobyg.xml";
  c.directory = stateDirectory;
  c.service.stateDirectory = stateDirectory;
  config::JobConfig nightly;
  nightly.id = "nightly";
  nightly.schedule = "15 2 * * *";
  nightly.legalBasis.expires = "2030-01-01";
  config::JobConfig hourly;
  hourly.id = "hourly";
  hourly.schedule = "1h";
  c.jobs = {nightly, hourly};
  return c;
}

state::OutboxEntry package(const std::string& id, const std::string& job) {
  state::OutboxEntry e;
  e.packageId = id;
  e.job = job;
  e.destination = "drop";
  e.file = "/outbox/" + id;
  e.fileName = id;
  e.size = 10;
  e.sha256 = std::string(64, 'a');
  return e;
}

// Sets a run's times, as if it had started and ended then.
void setTimes(const std::string& db, long run, const std::string& started,
              const std::string& finished) {
  Poco::Data::Session session("SQLite", db);
  std::string s = started, f = finished;
  long id = run;
  session << "UPDATE runs SET started_at = ?, finished_at = ? WHERE id = ?", use(s), use(f),
      use(id), now;
}

const status::JobStatus& job(const status::Status& s, const std::string& id) {
  for (const auto& j : s.jobs)
    if (j.id == id) return j;
  throw std::runtime_error("no job " + id);
}

}  // namespace

TEST(StatusModel, LastSuccessAndDurationsComeFromTheRunsAndFailuresDoNotCount) {
  test::TempDir dir;
  const std::string db = dir.file("brobyg.db");
  state::StateStore store(db);
  const long first = store.beginRun("nightly");
  store.commitRun(first, {5, 0, 5, 0, "pkg-1", "ok", ""}, {}, package("pkg-1", "nightly"));
  setTimes(db, first, "2026-11-30T01:15:00Z", "2026-11-30T01:15:40Z");  // 40 s
  const long second = store.beginRun("nightly");
  store.finishRunWithoutCommit(second, {0, 0, 0, 0, "", "failed", "source down"});
  setTimes(db, second, "2026-12-01T01:15:00Z", "2026-12-01T02:15:00Z");  // 3600 s, failed

  const status::Status s = status::collect(twoJobs(dir.path()), store, {}, 1796169600, 5);
  const auto& nightly = job(s, "nightly");
  ASSERT_TRUE(nightly.lastSuccess.has_value());
  EXPECT_EQ(*nightly.lastSuccess, 1796001340) << "2026-11-30T01:15:40Z: the failed run later "
                                                 "is no success";
  EXPECT_EQ(nightly.durations.count, 2u);
  EXPECT_DOUBLE_EQ(nightly.durations.sum, 3640);
  // Buckets 1, 5, 15, 60, 300, 900, 3600, 14400: 40 s from 60 up, 3600 s from 3600 up.
  const std::uint64_t expected[] = {0, 0, 0, 1, 1, 1, 2, 2};
  for (std::size_t i = 0; i < status::kDurationBucketCount; ++i)
    EXPECT_EQ(nightly.durations.buckets[i], expected[i]) << "bucket " << i;
  EXPECT_EQ(nightly.runsByStatus.at("ok"), 1u);
  EXPECT_EQ(nightly.runsByStatus.at("failed"), 1u);
  ASSERT_EQ(nightly.lastRuns.size(), 2u);
  EXPECT_EQ(nightly.lastRuns.front().id, second) << "newest first";
  EXPECT_FALSE(job(s, "hourly").lastSuccess.has_value()) << "never run";
  EXPECT_EQ(job(s, "hourly").durations.count, 0u);
}

TEST(StatusModel, NextRunFollowsTheScheduleMarkAsTheSchedulerDoes) {
  test::TempDir dir;
  state::StateStore store(dir.file("brobyg.db"));
  const std::int64_t now = 1796169600;  // 2026-12-02T00:00:00Z = 01:00 in Copenhagen
  // No mark yet: counted from now. 02:15 Copenhagen = 01:15Z.
  status::Status s = status::collect(twoJobs(dir.path()), store, {}, now, 1);
  EXPECT_EQ(job(s, "nightly").nextRun, now + 75 * 60);
  EXPECT_EQ(job(s, "nightly").timezone, "Europe/Copenhagen");
  EXPECT_EQ(job(s, "hourly").nextRun, now + 3600);
  EXPECT_EQ(job(s, "hourly").timezone, "") << "an interval has no wall clock";
  // Handled up to two hours ago: the hourly job is overdue, due at mark + 1 h.
  store.setScheduleMark("hourly", now - 7200);
  s = status::collect(twoJobs(dir.path()), store, {}, now, 1);
  EXPECT_EQ(job(s, "hourly").nextRun, now - 3600);
}

TEST(StatusModel, AScheduleThatDoesNotParseIsNamedNotThrown) {
  test::TempDir dir;
  state::StateStore store(dir.file("brobyg.db"));
  auto config = twoJobs(dir.path());
  config.jobs[0].schedule = "61 * * * *";
  const status::Status s = status::collect(config, store, {}, 1796169600, 1);
  EXPECT_FALSE(job(s, "nightly").nextRun.has_value());
  EXPECT_FALSE(job(s, "nightly").scheduleProblem.empty());
}

TEST(StatusModel, OutboxCountsEveryStateAndAgesTheOldestWaitingPackage) {
  test::TempDir dir;
  const std::string db = dir.file("brobyg.db");
  state::StateStore store(db);
  for (const char* id : {"pkg-old", "pkg-new", "pkg-failed"}) {
    const long run = store.beginRun("nightly");
    store.commitRun(run, {1, 0, 1, 0, id, "ok", ""}, {}, package(id, "nightly"));
  }
  store.markFailed("pkg-failed", "refused");
  {
    Poco::Data::Session session("SQLite", db);
    session << "UPDATE outbox SET created_at = '2026-12-01T00:00:00Z' WHERE package_id = 'pkg-old'",
        now;
    session << "UPDATE outbox SET created_at = '2026-11-01T00:00:00Z'"
               " WHERE package_id = 'pkg-failed'",
        now;
  }
  const std::int64_t at = 1796169600;  // 2026-12-02T00:00:00Z
  const status::Status s = status::collect(twoJobs(dir.path()), store, {}, at, 1);
  EXPECT_EQ(s.outbox.byState.at("staged"), 2u);
  EXPECT_EQ(s.outbox.byState.at("failed"), 1u);
  EXPECT_EQ(s.outbox.byState.at("delivered"), 0u) << "every state is listed";
  ASSERT_TRUE(s.outbox.oldestWaitingSeconds.has_value());
  EXPECT_EQ(*s.outbox.oldestWaitingSeconds, 86400)
      << "the failed package is older, but it is not waiting";
  EXPECT_EQ(s.registerHead.entries, 0);
  EXPECT_EQ(s.registerHead.head, "");
}

TEST(StatusModel, NothingWaitingMeansNoAge) {
  test::TempDir dir;
  state::StateStore store(dir.file("brobyg.db"));
  const status::Status s = status::collect(twoJobs(dir.path()), store, {}, 1796169600, 1);
  EXPECT_FALSE(s.outbox.oldestWaitingSeconds.has_value());
}
