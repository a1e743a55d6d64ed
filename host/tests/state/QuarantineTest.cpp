#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "TempDir.h"
#include "state/Quarantine.h"
#include "state/StateStore.h"
#include "util/FileSecurity.h"

namespace fs = std::filesystem;
using brobyg::state::Quarantine;
using brobyg::state::RunSummary;
using brobyg::state::StateStore;
using brobyg::test::TempDir;

TEST(Quarantine, CleanRunLeavesNoFile) {
  fs::path dir = fs::temp_directory_path() / ("brobyg-q0-" + std::to_string(::getpid()));
  Quarantine q(dir.string(), "run");
  q.prepare();
  q.publish();
  EXPECT_EQ(q.path(), "");
  EXPECT_FALSE(fs::exists(dir));
}

TEST(Quarantine, RejectedRowsArePrivateAndQuoted) {
  fs::path dir = fs::temp_directory_path() / ("brobyg-q1-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  Quarantine q(dir.string(), "run");
  q.add("skole", "a.csv:3", "date: not a date", "x;\"y\";z");
  q.add("skole", "a.csv:4", "person: missing", "");
  q.prepare();
  q.publish();
  EXPECT_EQ(q.count(), 2u);
#ifdef _WIN32  // the access lists, not the POSIX mode bits
  EXPECT_EQ(brobyg::privateFolderProblem(dir.string()), "");
  EXPECT_EQ(brobyg::privateFileProblem(q.path()), "");
#else
  auto dirPerms = fs::status(dir).permissions();
  EXPECT_EQ(dirPerms & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);
  auto filePerms = fs::status(q.path()).permissions();
  EXPECT_EQ(filePerms & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);
#endif
  std::ifstream in(q.path(), std::ios::binary);  // the CRLF as written, on Windows too
  std::string header, first;
  std::getline(in, header);
  std::getline(in, first);
  EXPECT_EQ(first, "\"skole\",\"a.csv:3\",\"date: not a date\",\"x;\"\"y\"\";z\"\r");
  in.close();  // Windows removes no file that is open
  fs::remove_all(dir);
}

namespace {
std::vector<std::string> filesIn(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

void commit(StateStore& store, long runId) {
  RunSummary summary;
  summary.status = "nothing-new";
  store.commitRun(runId, summary, {}, std::nullopt);
}

void leavePartial(const std::string& dir, const std::string& runName) {
  Quarantine q(dir, runName);
  q.add("s", "a.csv:1", "bad", "raw");
  q.prepare();
}
}  // namespace

TEST(Quarantine, AbandonedPartialsArePublishedOrRemovedByTheirRunsOutcome) {
  TempDir tmp;
  const std::string dir = tmp.file("quarantine");
  StateStore store(tmp.file("state.db"));
  const long failed = store.beginRun("job-a");
  {
    Quarantine q(dir, "job-a-" + std::to_string(failed));
    q.add("s", "a.csv:1", "bad", "raw");
    q.discard();
  }
  EXPECT_TRUE(fs::is_empty(dir));
  const long committed = store.beginRun("job-a");
  leavePartial(dir, "job-a-" + std::to_string(committed));  // committed, then the process died
  commit(store, committed);
  const long crashed = store.beginRun("job-a");
  leavePartial(dir, "job-a-" + std::to_string(crashed));  // died before its commit
  const long other = store.beginRun("job-b");
  leavePartial(dir, "job-b-" + std::to_string(other));

  Quarantine::recoverAbandoned(dir, "job-a", store);
  EXPECT_EQ(filesIn(dir),
            (std::vector<std::string>{".job-b-" + std::to_string(other) + ".csv.partial",
                                      "job-a-" + std::to_string(committed) + ".csv"}));
}

// Issue 10 #5: job "a" matched ".a-" as a prefix, took job "a-b"'s files and, reading
// atol("b-7") = 0 as its run, deleted a partial whose run had committed: rows lost.
TEST(Quarantine, RecoveryOfOneJobLeavesAJobWhoseNameExtendsItAlone) {
  TempDir tmp;
  const std::string dir = tmp.file("quarantine");
  StateStore store(tmp.file("state.db"));
  const long abRun = store.beginRun("a-b");
  leavePartial(dir, "a-b-" + std::to_string(abRun));  // a-b committed, its publish pending
  commit(store, abRun);
  const long aRun = store.beginRun("a");
  leavePartial(dir, "a-" + std::to_string(aRun));  // a crashed before its commit

  Quarantine::recoverAbandoned(dir, "a", store);
  EXPECT_EQ(filesIn(dir),
            (std::vector<std::string>{".a-b-" + std::to_string(abRun) + ".csv.partial"}));

  Quarantine::recoverAbandoned(dir, "a-b", store);
  EXPECT_EQ(filesIn(dir), (std::vector<std::string>{"a-b-" + std::to_string(abRun) + ".csv"}));
}

TEST(Quarantine, PartialNamesMatchOnlyTheJobAndDigits) {
  EXPECT_EQ(Quarantine::partialRunId(".a-7.csv.partial", "a"), 7);
  EXPECT_EQ(Quarantine::partialRunId(".a-b-7.csv.partial", "a"), 0);
  EXPECT_EQ(Quarantine::partialRunId(".a-b-7.csv.partial", "a-b"), 7);
  EXPECT_EQ(Quarantine::partialRunId(".a-.csv.partial", "a"), 0);
  EXPECT_EQ(Quarantine::partialRunId(".a-7x.csv.partial", "a"), 0);
  EXPECT_EQ(Quarantine::partialRunId(".ab-7.csv.partial", "a"), 0);
  EXPECT_EQ(Quarantine::partialRunId("a-7.csv.partial", "a"), 0);
  EXPECT_EQ(Quarantine::partialRunId(".a-7.csv", "a"), 0);
  EXPECT_EQ(Quarantine::partialRunId(".a-99999999999999999999.csv.partial", "a"), 0);
}

// A run id of another job is never taken as this job's, even when the file says so.
TEST(Quarantine, RunCommittedChecksTheRunsJob) {
  TempDir tmp;
  StateStore store(tmp.file("state.db"));
  const long run = store.beginRun("b");
  commit(store, run);
  EXPECT_TRUE(store.runCommitted("b", run));
  EXPECT_FALSE(store.runCommitted("a", run));
}

// Issue 10 #6: the admin opens quarantine files in a spreadsheet, which runs a cell that
// starts with = + - @ (or tab, CR) as a formula.
TEST(Quarantine, CellsThatASpreadsheetWouldRunAsFormulasStartWithAQuote) {
  TempDir tmp;
  Quarantine q(tmp.file("q"), "run");
  q.add("=src", "+origin", "-reason", "@SUM(A1:A9)");
  q.add("s", "o", "\tr", "\rraw");
  q.add("s", "o", "r", "1=2;-3");
  q.prepare();
  q.publish();
  std::ifstream in(q.path(), std::ios::binary);
  std::string header, first, second, third;
  std::getline(in, header);
  std::getline(in, first);
  std::getline(in, second);
  std::getline(in, third);
  EXPECT_EQ(first, "\"'=src\",\"'+origin\",\"'-reason\",\"'@SUM(A1:A9)\"\r");
  EXPECT_EQ(second, "\"s\",\"o\",\"'\tr\",\"'\rraw\"\r");
  EXPECT_EQ(third, "\"s\",\"o\",\"r\",\"1=2;-3\"\r");
}
