#include <gtest/gtest.h>

#include "ScheduleTestSupport.h"
#include "TempDir.h"
#include "schedule/Schedule.h"
#include "state/StateStore.h"

namespace brobyg::schedule {
namespace {

using test::utc;

const Schedule& nightly() {
  static const Schedule s = Schedule::parse("15 2 * * *", "Europe/Copenhagen");
  return s;
}

TEST(MissedRuns, PolicyNames) {
  EXPECT_EQ(missedRunsFrom(""), MissedRuns::RunOnce) << "the default";
  EXPECT_EQ(missedRunsFrom("run-once"), MissedRuns::RunOnce);
  EXPECT_EQ(missedRunsFrom("skip"), MissedRuns::Skip);
  EXPECT_FALSE(missedRunsFrom("twice"));
}

TEST(MissedRuns, DueWhileRunningRunsWhateverThePolicy) {
  const std::int64_t start = utc(2026, 5, 1, 12, 0);
  const std::int64_t mark = utc(2026, 5, 1, 12, 0);
  Due notYet = decide(nightly(), MissedRuns::Skip, mark, utc(2026, 5, 2, 0, 14), start);
  EXPECT_FALSE(notYet.run);
  EXPECT_EQ(notYet.mark, mark) << "nothing handled, nothing moves";
  Due due = decide(nightly(), MissedRuns::Skip, mark, utc(2026, 5, 2, 0, 15), start);
  EXPECT_TRUE(due.run);
  EXPECT_FALSE(due.missed);
  EXPECT_EQ(due.mark, utc(2026, 5, 2, 0, 15));
  EXPECT_FALSE(decide(nightly(), MissedRuns::Skip, due.mark, utc(2026, 5, 2, 0, 16), start).run)
      << "once per due time";
}

TEST(MissedRuns, ThreeMissedNightsRunOnceOrAreSkipped) {
  const std::int64_t mark = utc(2026, 5, 1, 12, 0);    // handled before the stop
  const std::int64_t restart = utc(2026, 5, 4, 9, 0);  // three nights later
  Due once = decide(nightly(), MissedRuns::RunOnce, mark, restart, restart);
  EXPECT_TRUE(once.run);
  EXPECT_TRUE(once.missed);
  EXPECT_EQ(once.mark, restart);
  EXPECT_FALSE(decide(nightly(), MissedRuns::RunOnce, once.mark, restart + 15, restart).run)
      << "one run for three missed nights";
  Due skipped = decide(nightly(), MissedRuns::Skip, mark, restart, restart);
  EXPECT_FALSE(skipped.run);
  EXPECT_TRUE(skipped.missed);
  EXPECT_EQ(skipped.mark, restart) << "the missed nights are handled: not asked again";
  EXPECT_TRUE(
      decide(nightly(), MissedRuns::Skip, skipped.mark, utc(2026, 5, 5, 0, 15), restart).run)
      << "the next night runs as usual";
}

// The mark survives the service: a new StateStore on the same file (a restart) sees it, and
// the decision after the restart depends on it.
TEST(MissedRuns, TheMarkSurvivesARestart) {
  brobyg::test::TempDir dir;
  const std::string db = dir.file("brobyg.db");
  const std::int64_t beforeStop = utc(2026, 5, 1, 12, 0);
  {
    state::StateStore store(db);
    EXPECT_FALSE(store.scheduleMark("nightly"));
    store.setScheduleMark("nightly", beforeStop - 60);
    store.setScheduleMark("nightly", beforeStop);  // replaces
    store.setScheduleMark("other", 7);
  }
  const std::int64_t restart = utc(2026, 5, 2, 6, 0);  // the 02:15 run fell in the stop
  for (MissedRuns policy : {MissedRuns::RunOnce, MissedRuns::Skip}) {
    state::StateStore store(db);
    const auto mark = store.scheduleMark("nightly");
    ASSERT_EQ(mark, beforeStop);
    Due due = decide(nightly(), policy, *mark, restart, restart);
    EXPECT_TRUE(due.missed);
    EXPECT_EQ(due.run, policy == MissedRuns::RunOnce);
  }
  state::StateStore store(db);
  EXPECT_EQ(store.scheduleMark("other"), 7);
}

}  // namespace
}  // namespace brobyg::schedule
