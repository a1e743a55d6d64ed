#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>

#include "util/AtomicFile.h"
#include "util/Error.h"
#include "util/FileSecurity.h"

namespace fs = std::filesystem;

namespace {
fs::path freshDir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("brobyg-util-" + std::to_string(::getpid()) + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}
std::size_t entries(const fs::path& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), {}));
}
}  // namespace

TEST(AtomicFile, AppearsOnlyOnCommit) {
  fs::path dir = freshDir("commit");
  std::string target = (dir / "out.txt").string();
  {
    brobyg::AtomicFile file(target);
    file.write("hello");
    EXPECT_FALSE(fs::exists(target));
    file.commit();
  }
  EXPECT_EQ(brobyg::readFile(target), "hello");
  EXPECT_EQ(entries(dir), 1u) << "no temp file left";
  EXPECT_EQ(brobyg::privateFileProblem(target), "");
  fs::remove_all(dir);
}

TEST(AtomicFile, AbandonedLeavesTheOldFileAndNoTemp) {
  fs::path dir = freshDir("abandon");
  std::string target = (dir / "out.txt").string();
  brobyg::writeFileAtomically(target, "old");
  {
    brobyg::AtomicFile file(target);
    file.write("new, never committed");
  }
  EXPECT_EQ(brobyg::readFile(target), "old");
  EXPECT_EQ(entries(dir), 1u);
  fs::remove_all(dir);
}

TEST(AtomicFile, ErrorsNameTheFile) {
  try {
    brobyg::AtomicFile file("/nonexistent-dir/x.txt");
    FAIL();
  } catch (const brobyg::Error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent-dir/"), std::string::npos);
  }
}
