#include <gtest/gtest.h>
#ifndef _WIN32
#include <sys/wait.h>
#include <unistd.h>
#endif

#include <csignal>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "TempDir.h"
#include "state/RowDigestStore.h"
#include "state/StateStore.h"
#include "util/AtomicFile.h"
#include "util/Error.h"
#include "util/FileSecurity.h"

namespace fs = std::filesystem;
using namespace brobyg::state;
using brobyg::test::TempDir;

namespace {

using Rows = std::vector<std::string>;

// Spools `rows` (one column each) into `dataset` and resolves it: returns the rows kept.
Rows deliver(RowDigestStore& digests, const std::string& dataset, const Rows& rows) {
  RowDigestSpool& spool = digests.dataset(dataset);
  for (std::size_t i = 0; i < rows.size(); ++i) spool.add(rows[i], i, 0, 0);
  const Deduplication decided = digests.resolve(dataset);
  Rows kept;
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (decided.dropped.empty() || !decided.dropped[i]) kept.push_back(rows[i]);
  return kept;
}

RowDigestStore storeFor(StateStore& store, const TempDir& tmp, const std::string& job, long runId) {
  return RowDigestStore(store, tmp.file("digests"), job, runId, RowDigestKey{},
                        tmp.file("work-" + std::to_string(runId)));
}

// One whole run: returns what it delivered; commits unless told not to.
Rows run(const TempDir& tmp, const std::string& job, const Rows& rows, bool commit = true) {
  StateStore store(tmp.file("brobyg.db"));
  const long id = store.beginRun(job);
  RowDigestStore digests = storeFor(store, tmp, job, id);
  Rows delivered = deliver(digests, "absence_event", rows);
  RunSummary summary;
  summary.status = "ok";
  if (commit) {
    store.commitRun(id, summary, {{"src", "cursor"}}, std::nullopt, digests.generations());
    digests.retire();
  } else {
    digests.discard();
  }
  return delivered;
}

std::vector<std::string> filesIn(const std::string& folder) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(folder, ec))
    names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// The committed digest file, spelled as RowDigestStore joins it (on Windows with backslashes
// after the folder it was given), so that messages naming it can be matched.
std::string committedFile(const TempDir& tmp, const std::string& job) {
  StateStore store(tmp.file("brobyg.db"));
  const DigestGeneration g = store.committedDigests(job, "absence_event");
  return (fs::path(tmp.file("digests")) / job /
          ("absence_event." + std::to_string(g.generation) + ".digests"))
      .string();
}

}  // namespace

TEST(RowDigestStore, ARowDeliveredByAnEarlierRunIsNotDeliveredAgain) {
  TempDir tmp;
  EXPECT_EQ(run(tmp, "job", {"a", "b", "c"}), (Rows{"a", "b", "c"}));
  EXPECT_EQ(run(tmp, "job", {"a", "b", "c", "d"}), (Rows{"d"}));  // a cumulative re-export
  EXPECT_EQ(run(tmp, "job", {"e", "a"}), (Rows{"e"}));
  EXPECT_EQ(fs::file_size(committedFile(tmp, "job")), 5u * 16u);
  EXPECT_EQ(filesIn(tmp.file("digests/job")).size(), 1u) << "replaced generations are removed";
}

TEST(RowDigestStore, ARowRepeatedWithinARunIsDeliveredOnceAndCounted) {
  TempDir tmp;
  StateStore store(tmp.file("brobyg.db"));
  RowDigestStore digests = storeFor(store, tmp, "job", store.beginRun("job"));
  const Rows rows{"a", "a", "b", "a"};
  RowDigestSpool& spool = digests.dataset("absence_event");
  for (std::size_t i = 0; i < rows.size(); ++i) spool.add(rows[i], i, 0, 0);
  const Deduplication decided = digests.resolve("absence_event");
  EXPECT_EQ(decided.dropped, (std::vector<bool>{false, true, false, true})) << "a and b once";
  EXPECT_EQ(decided.duplicates, 2u);
}

TEST(RowDigestStore, ARunOfOnlyDuplicatesWritesNoNewGeneration) {
  TempDir tmp;
  run(tmp, "job", {"a", "b"});
  const std::string before = committedFile(tmp, "job");
  EXPECT_EQ(run(tmp, "job", {"b", "a"}), Rows{});
  EXPECT_EQ(committedFile(tmp, "job"), before);
  EXPECT_EQ(filesIn(tmp.file("digests/job")).size(), 1u);
}

TEST(RowDigestStore, JobsAndDatasetsKeepTheirOwnDigests) {
  TempDir tmp;
  EXPECT_EQ(run(tmp, "job", {"a"}), (Rows{"a"}));
  EXPECT_EQ(run(tmp, "other", {"a"}), (Rows{"a"}));
  StateStore store(tmp.file("brobyg.db"));
  RowDigestStore digests = storeFor(store, tmp, "job", store.beginRun("job"));
  EXPECT_EQ(deliver(digests, "case_event", {"a"}), (Rows{"a"}));
  EXPECT_EQ(deliver(digests, "absence_event", {"a"}), Rows{});
}

TEST(RowDigestStore, DigestsOfARunThatDidNotCommitAreForgotten) {
  TempDir tmp;
  EXPECT_EQ(run(tmp, "job", {"a"}), (Rows{"a"}));
  EXPECT_EQ(run(tmp, "job", {"a", "b"}, false), (Rows{"b"}));
  EXPECT_EQ(filesIn(tmp.file("digests/job")).size(), 1u) << "discard removes its generation";
  EXPECT_EQ(fs::file_size(committedFile(tmp, "job")), 16u);
  EXPECT_EQ(run(tmp, "job", {"a", "b"}), (Rows{"b"}));  // b was never delivered: not lost
  EXPECT_EQ(run(tmp, "job", {"a", "b"}), Rows{});       // and now it was: not duplicated
}

// The process dies after the next generation reached the disk and before the run's commit:
// the next run must deliver those rows (they were never committed) exactly once.
// No fork or SIGKILL on Windows: the Linux build checks this recovery.
#ifndef _WIN32
TEST(RowDigestStore, AKillBetweenDigestWriteAndCommitNeitherLosesNorDuplicatesRows) {
  TempDir tmp;
  EXPECT_EQ(run(tmp, "job", {"a"}), (Rows{"a"}));
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    StateStore store(tmp.file("brobyg.db"));
    RowDigestStore digests = storeFor(store, tmp, "job", store.beginRun("job"));
    deliver(digests, "absence_event", {"a", "b", "c"});
    ::raise(SIGKILL);  // before commitRun
    ::_exit(0);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  EXPECT_EQ(filesIn(tmp.file("digests/job")).size(), 2u) << "the uncommitted generation is there";

  EXPECT_EQ(run(tmp, "job", {"a", "b", "c"}), (Rows{"b", "c"}));
  EXPECT_EQ(run(tmp, "job", {"a", "b", "c"}), Rows{});
  EXPECT_EQ(fs::file_size(committedFile(tmp, "job")), 3u * 16u);
  EXPECT_EQ(filesIn(tmp.file("digests/job")).size(), 1u);
}
#endif

TEST(RowDigestStore, ACommittedFileThatIsCutOrMissingStopsTheJob) {
  TempDir tmp;
  EXPECT_EQ(run(tmp, "job", {"a", "b"}), (Rows{"a", "b"}));
  const std::string file = committedFile(tmp, "job");
  for (bool remove : {false, true}) {
    if (remove)
      fs::remove(file);
    else
      fs::resize_file(file, 16);
    StateStore store(tmp.file("brobyg.db"));
    RowDigestStore digests = storeFor(store, tmp, "job", store.beginRun("job"));
    try {
      digests.dataset("absence_event");
      FAIL() << "a damaged digest file was accepted";
    } catch (const brobyg::Error& e) {
      EXPECT_NE(std::string(e.what()).find(file), std::string::npos) << e.what();
    }
  }
}

TEST(RowDigestStore, ACommittedFileOutOfOrderStopsTheJob) {
  TempDir tmp;
  run(tmp, "job", {"a", "b"});
  const std::string file = committedFile(tmp, "job");
  std::string bytes = brobyg::readFile(file);
  std::rotate(bytes.begin(), bytes.begin() + 16, bytes.end());  // swap the two digests
  brobyg::writeFileAtomically(file, bytes);
  StateStore store(tmp.file("brobyg.db"));
  RowDigestStore digests = storeFor(store, tmp, "job", store.beginRun("job"));
  EXPECT_THROW(deliver(digests, "absence_event", {"c"}), brobyg::Error);
}

TEST(RowDigestStore, FilesOfVersion2AreRemoved) {
  TempDir tmp;
  fs::create_directories(tmp.file("digests/job"));
  brobyg::writeFileAtomically(tmp.file("digests/job/absence_event.digests"), std::string(32, 'x'));
  EXPECT_EQ(run(tmp, "job", {"a"}), (Rows{"a"}));
  EXPECT_EQ(filesIn(tmp.file("digests/job")),
            (std::vector<std::string>{fs::path(committedFile(tmp, "job")).filename().string()}));
}

TEST(RowDigestStore, ManyRowsSpillAndStillDecideExactly) {
  TempDir tmp;
  Rows rows;
  for (int i = 0; i < 300000; ++i) rows.push_back(std::to_string(i));  // past one buffer
  EXPECT_EQ(run(tmp, "job", rows).size(), rows.size());
  rows.push_back("new");
  EXPECT_EQ(run(tmp, "job", rows), (Rows{"new"}));
  EXPECT_EQ(fs::file_size(committedFile(tmp, "job")), 300001u * 16u);
}

TEST(RowDigestStore, DigestFilesArePrivate) {
  TempDir tmp;
  run(tmp, "job", {"a"});
#ifdef _WIN32  // the access lists, not the POSIX mode bits
  EXPECT_EQ(brobyg::privateFileProblem(committedFile(tmp, "job")), "");
  EXPECT_EQ(brobyg::privateFolderProblem(tmp.file("digests/job")), "");
#else
  auto perms = fs::status(committedFile(tmp, "job")).permissions();
  EXPECT_EQ(perms & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);
  perms = fs::status(tmp.file("digests/job")).permissions();
  EXPECT_EQ(perms & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);
#endif
}

TEST(RowDigestStore, IdsThatWouldLeaveTheFolderAreRefused) {
  TempDir tmp;
  StateStore store(tmp.file("brobyg.db"));
  EXPECT_THROW(storeFor(store, tmp, "..", 1), brobyg::Error);
  RowDigestStore digests = storeFor(store, tmp, "job", 1);
  EXPECT_THROW(digests.dataset("../x"), brobyg::Error);
  EXPECT_THROW(digests.dataset(".hidden"), brobyg::Error);
}

TEST(RowDigestStore, GenerationsBeforeResolveAreRefused) {
  TempDir tmp;
  StateStore store(tmp.file("brobyg.db"));
  const long id = store.beginRun("job");
  RowDigestStore digests = storeFor(store, tmp, "job", id);
  digests.dataset("absence_event").add("a", 0, 0, 0);
  EXPECT_THROW(digests.generations(), brobyg::Error);
  digests.resolve("absence_event");
  ASSERT_EQ(digests.generations().size(), 1u);
  EXPECT_EQ(digests.generations()[0].generation, id);
  EXPECT_EQ(digests.generations()[0].bytes, 16u);
}
