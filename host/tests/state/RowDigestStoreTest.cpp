#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "TempDir.h"
#include "state/RowDigestStore.h"
#include "state/StateStore.h"
#include "util/Error.h"

namespace fs = std::filesystem;
using namespace brobyg::state;
using brobyg::test::TempDir;

namespace {

// Delivers `rows` (one column each) as a run of `job` would: the rows not seen before.
std::vector<std::string> deliver(RowDigestStore& digests, const std::string& dataset,
                                 const std::vector<std::string>& rows) {
  std::vector<std::string> delivered;
  RowDigestSet& set = digests.dataset(dataset);
  for (const std::string& row : rows) {
    std::string_view column(row);
    if (!set.seenOrAdd(&column, 1)) delivered.push_back(row);
  }
  return delivered;
}

// One whole run: returns what it delivered; commits unless told not to.
std::vector<std::string> run(const TempDir& tmp, const std::string& job,
                             const std::vector<std::string>& rows, bool commit = true) {
  StateStore store(tmp.file("brobyg.db"));
  RowDigestStore digests(store, tmp.file("digests"), job);
  const long id = store.beginRun(job);
  auto delivered = deliver(digests, "absence_event", rows);
  digests.prepare();
  RunSummary summary;
  summary.status = "ok";
  if (commit)
    store.commitRun(id, summary, {{"src", "cursor"}}, std::nullopt, digests.lengths());
  else
    digests.discard();
  return delivered;
}

using Rows = std::vector<std::string>;

}  // namespace

TEST(RowDigestStore, ARowDeliveredByAnEarlierRunIsNotDeliveredAgain) {
  TempDir tmp;
  EXPECT_EQ(run(tmp, "job", {"a", "b", "c"}), (Rows{"a", "b", "c"}));
  EXPECT_EQ(run(tmp, "job", {"a", "b", "c", "d"}), (Rows{"d"}));  // a cumulative re-export
  EXPECT_EQ(run(tmp, "job", {"e", "a"}), (Rows{"e"}));
  StateStore store(tmp.file("brobyg.db"));
  EXPECT_EQ(store.committedDigestLength("job", "absence_event"), 5u * 16u);
  EXPECT_EQ(fs::file_size(tmp.file("digests/job/absence_event.digests")), 5u * 16u);
}

TEST(RowDigestStore, ARowRepeatedWithinARunIsDeliveredOnceAndCounted) {
  TempDir tmp;
  StateStore store(tmp.file("brobyg.db"));
  RowDigestStore digests(store, tmp.file("digests"), "job");
  EXPECT_EQ(deliver(digests, "absence_event", {"a", "a", "b", "a"}), (Rows{"a", "b"}));
  EXPECT_EQ(digests.duplicates(), 2u);
}

TEST(RowDigestStore, JobsAndDatasetsKeepTheirOwnDigests) {
  TempDir tmp;
  EXPECT_EQ(run(tmp, "job", {"a"}), (Rows{"a"}));
  EXPECT_EQ(run(tmp, "other", {"a"}), (Rows{"a"}));
  StateStore store(tmp.file("brobyg.db"));
  RowDigestStore digests(store, tmp.file("digests"), "job");
  EXPECT_EQ(deliver(digests, "case_event", {"a"}), (Rows{"a"}));
  EXPECT_EQ(deliver(digests, "absence_event", {"a"}), Rows{});
}

TEST(RowDigestStore, DigestsOfARunThatDidNotCommitAreForgotten) {
  TempDir tmp;
  EXPECT_EQ(run(tmp, "job", {"a"}), (Rows{"a"}));
  EXPECT_EQ(run(tmp, "job", {"a", "b"}, false), (Rows{"b"}));
  EXPECT_EQ(fs::file_size(tmp.file("digests/job/absence_event.digests")), 16u);
  EXPECT_EQ(run(tmp, "job", {"a", "b"}), (Rows{"b"}));  // b was never delivered: not lost
  EXPECT_EQ(run(tmp, "job", {"a", "b"}), Rows{});       // and now it was: not duplicated
}

// The process dies after the digests reached the disk and before the run's commit: the
// next run must deliver those rows (they were never committed) exactly once.
TEST(RowDigestStore, AKillBetweenDigestWriteAndCommitNeitherLosesNorDuplicatesRows) {
  TempDir tmp;
  EXPECT_EQ(run(tmp, "job", {"a"}), (Rows{"a"}));
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    StateStore store(tmp.file("brobyg.db"));
    RowDigestStore digests(store, tmp.file("digests"), "job");
    store.beginRun("job");
    deliver(digests, "absence_event", {"a", "b", "c"});
    digests.prepare();
    ::raise(SIGKILL);  // before commitRun
    ::_exit(0);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  EXPECT_EQ(fs::file_size(tmp.file("digests/job/absence_event.digests")), 3u * 16u);

  EXPECT_EQ(run(tmp, "job", {"a", "b", "c"}), (Rows{"b", "c"}));
  EXPECT_EQ(run(tmp, "job", {"a", "b", "c"}), Rows{});
  EXPECT_EQ(fs::file_size(tmp.file("digests/job/absence_event.digests")), 3u * 16u);
}

TEST(RowDigestStore, AFileShorterThanItsCommittedLengthStopsTheJob) {
  TempDir tmp;
  EXPECT_EQ(run(tmp, "job", {"a", "b"}), (Rows{"a", "b"}));
  fs::resize_file(tmp.file("digests/job/absence_event.digests"), 16);
  StateStore store(tmp.file("brobyg.db"));
  RowDigestStore digests(store, tmp.file("digests"), "job");
  try {
    digests.dataset("absence_event");
    FAIL() << "a cut digest file was accepted";
  } catch (const brobyg::Error& e) {
    EXPECT_NE(std::string(e.what()).find("absence_event.digests"), std::string::npos);
  }
}

TEST(RowDigestStore, DigestFilesArePrivate) {
  TempDir tmp;
  run(tmp, "job", {"a"});
  auto perms = fs::status(tmp.file("digests/job/absence_event.digests")).permissions();
  EXPECT_EQ(perms & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);
  perms = fs::status(tmp.file("digests/job")).permissions();
  EXPECT_EQ(perms & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);
}

TEST(RowDigestStore, IdsThatWouldLeaveTheFolderAreRefused) {
  TempDir tmp;
  StateStore store(tmp.file("brobyg.db"));
  EXPECT_THROW(RowDigestStore(store, tmp.file("digests"), ".."), brobyg::Error);
  RowDigestStore digests(store, tmp.file("digests"), "job");
  EXPECT_THROW(digests.dataset("../x"), brobyg::Error);
  EXPECT_THROW(digests.dataset(".hidden"), brobyg::Error);
}

TEST(RowDigestStore, LengthsBeforePrepareAreRefused) {
  TempDir tmp;
  StateStore store(tmp.file("brobyg.db"));
  RowDigestStore digests(store, tmp.file("digests"), "job");
  deliver(digests, "absence_event", {"a"});
  EXPECT_THROW(digests.lengths(), brobyg::Error);
  digests.prepare();
  ASSERT_EQ(digests.lengths().size(), 1u);
  EXPECT_EQ(digests.lengths()[0].bytes, 16u);
}
