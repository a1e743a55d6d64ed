#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "state/Quarantine.h"

namespace fs = std::filesystem;
using brobyg::state::Quarantine;

TEST(Quarantine, CleanRunLeavesNoFile) {
  fs::path dir = fs::temp_directory_path() / ("brobyg-q0-" + std::to_string(::getpid()));
  Quarantine q(dir.string(), "run");
  q.close();
  EXPECT_EQ(q.path(), "");
  EXPECT_FALSE(fs::exists(dir));
}

TEST(Quarantine, RejectedRowsArePrivateAndQuoted) {
  fs::path dir = fs::temp_directory_path() / ("brobyg-q1-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  Quarantine q(dir.string(), "run");
  q.add("skole", "a.csv:3", "date: not a date", "x;\"y\";z");
  q.add("skole", "a.csv:4", "person: missing", "");
  q.close();
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
