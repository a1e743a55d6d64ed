#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "state/Quarantine.h"

namespace fs = std::filesystem;
using brobyg::state::Quarantine;

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
  auto dirPerms = fs::status(dir).permissions();
  EXPECT_EQ(dirPerms & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);
  auto filePerms = fs::status(q.path()).permissions();
  EXPECT_EQ(filePerms & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);
  std::ifstream in(q.path());
  std::string header, first;
  std::getline(in, header);
  std::getline(in, first);
  EXPECT_EQ(first, "\"skole\",\"a.csv:3\",\"date: not a date\",\"x;\"\"y\"\";z\"\r");
  fs::remove_all(dir);
}

TEST(Quarantine, AbandonedPartialsArePublishedOrRemovedByTheirRunsOutcome) {
  fs::path dir = fs::temp_directory_path() / ("brobyg-q2-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  {
    Quarantine failed(dir.string(), "job-a-1");
    failed.add("s", "a.csv:1", "bad", "raw");
    failed.discard();
  }
  EXPECT_TRUE(fs::is_empty(dir));
  {
    Quarantine committedRun(dir.string(), "job-a-2");  // committed, then the process died
    committedRun.add("s", "a.csv:1", "bad", "raw");
    committedRun.prepare();
    Quarantine crashedRun(dir.string(), "job-a-3");  // died before its commit
    crashedRun.add("s", "a.csv:1", "bad", "raw");
    crashedRun.prepare();
    Quarantine otherJob(dir.string(), "job-b-1");
    otherJob.add("s", "b.csv:1", "bad", "raw");
  }
  Quarantine::recoverAbandoned(dir.string(), "job-a-",
                               [](const std::string& run) { return run == "job-a-2"; });
  std::vector<std::string> left;
  for (const auto& e : fs::directory_iterator(dir)) left.push_back(e.path().filename().string());
  std::sort(left.begin(), left.end());
  EXPECT_EQ(left, (std::vector<std::string>{".job-b-1.csv.partial", "job-a-2.csv"}));
  fs::remove_all(dir);
}
