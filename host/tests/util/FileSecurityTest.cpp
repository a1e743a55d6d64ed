#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "util/Error.h"
#include "util/FileSecurity.h"

namespace fs = std::filesystem;

TEST(FileSecurity, RefusesFilesOthersCanRead) {
  fs::path file = fs::temp_directory_path() / ("brobyg-key-" + std::to_string(::getpid()));
  std::ofstream(file) << "secret";
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  EXPECT_NO_THROW(brobyg::requirePrivateFile(file.string(), "key"));
  fs::permissions(file, fs::perms::group_read, fs::perm_options::add);
  try {
    brobyg::requirePrivateFile(file.string(), "key");
    FAIL();
  } catch (const brobyg::Error& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("mode 640"), std::string::npos) << message;
    EXPECT_NE(message.find("chmod 600"), std::string::npos) << message;
    EXPECT_EQ(message.find("secret"), std::string::npos);
  }
  fs::remove(file);
  EXPECT_EQ(brobyg::privateFileProblem(file.string()), "file does not exist");
}

TEST(FileSecurity, CreatesPrivateFolders) {
  fs::path dir = fs::temp_directory_path() / ("brobyg-dir-" + std::to_string(::getpid())) / "a";
  brobyg::createPrivateDirectory(dir.string());
  EXPECT_EQ(fs::status(dir).permissions() & (fs::perms::group_all | fs::perms::others_all),
            fs::perms::none);
  fs::remove_all(dir.parent_path());
}

// The state and inbox folders' check (brobyg check): 0700 passes, any group or other bit is
// refused with the chmod that repairs it, a file is not a folder.
TEST(FileSecurity, FolderOthersCanReadIsRefused) {
  fs::path dir = fs::temp_directory_path() / ("brobyg-fold-" + std::to_string(::getpid()));
  brobyg::createPrivateDirectory(dir.string());
  EXPECT_EQ(brobyg::privateFolderProblem(dir.string()), "");
  fs::permissions(dir, fs::perms::group_read | fs::perms::group_exec, fs::perm_options::add);
  const std::string problem = brobyg::privateFolderProblem(dir.string());
  EXPECT_NE(problem.find("open to others (mode 750); run: chmod 700 " + dir.string()),
            std::string::npos)
      << problem;
  std::ofstream(dir / "file") << "x";
  EXPECT_EQ(brobyg::privateFolderProblem((dir / "file").string()), "not a folder");
  fs::remove_all(dir);
}

// Issue #11: a private file owned by another user is refused, by name and by descriptor.
TEST(FileSecurity, RefusesFilesOwnedByAnotherUser) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to give a file to another user";
  fs::path file = fs::temp_directory_path() / ("brobyg-owned-" + std::to_string(::getpid()));
  std::ofstream(file) << "secret";
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  int fd = brobyg::openPrivateFile(file.string(), "key");
  EXPECT_GE(fd, 0);
  ::close(fd);
  ASSERT_EQ(::chown(file.c_str(), 65534, 65534), 0);  // nobody
  std::string problem = brobyg::privateFileProblem(file.string());
  EXPECT_NE(problem.find("owned by uid 65534"), std::string::npos) << problem;
  EXPECT_THROW(brobyg::requirePrivateFile(file.string(), "key"), brobyg::Error);
  try {
    brobyg::openPrivateFile(file.string(), "key");
    FAIL() << "opened a key owned by another user";
  } catch (const brobyg::Error& e) {
    std::string message = e.what();
    EXPECT_NE(message.find(file.string() + ": key refused: owned by uid 65534"), std::string::npos)
        << message;
    EXPECT_EQ(message.find("secret"), std::string::npos);
  }
  fs::remove(file);
}

TEST(FileSecurity, OpenChecksModeTypeAndExistence) {
  fs::path dir = fs::temp_directory_path() / ("brobyg-open-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path file = dir / "key";
  std::ofstream(file) << "secret";
  for (auto mode : {fs::perms::group_read, fs::perms::others_read, fs::perms::group_write}) {
    fs::permissions(file, fs::perms::owner_read | mode, fs::perm_options::replace);
    EXPECT_THROW(brobyg::openPrivateFile(file.string(), "key"), brobyg::Error);
  }
  fs::permissions(file, fs::perms::owner_read, fs::perm_options::replace);
  int fd = brobyg::openPrivateFile(file.string(), "key");
  char buffer[6];
  EXPECT_EQ(::read(fd, buffer, sizeof buffer), 6);
  ::close(fd);
  EXPECT_THROW(brobyg::openPrivateFile(dir.string(), "key"), brobyg::Error);  // a folder
  EXPECT_THROW(brobyg::openPrivateFile((dir / "absent").string(), "key"), brobyg::Error);
  ASSERT_EQ(::mkfifo((dir / "fifo").c_str(), 0600), 0);
  EXPECT_THROW(brobyg::openPrivateFile((dir / "fifo").string(), "key"), brobyg::Error)
      << "a FIFO is refused without blocking";
  fs::remove_all(dir);
}

TEST(FileSecurity, MakePrivateRestrictsFilesAndFolders) {
  fs::path dir = fs::temp_directory_path() / ("brobyg-mp-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::all, fs::perm_options::replace);
  std::ofstream(dir / "key") << "secret";
  fs::permissions(dir / "key", fs::perms::others_read, fs::perm_options::add);
  EXPECT_NE(brobyg::privateFileProblem((dir / "key").string()), "");
  brobyg::makePrivate((dir / "key").string());
  brobyg::makePrivate(dir.string());
  EXPECT_EQ(brobyg::privateFileProblem((dir / "key").string()), "");
  EXPECT_EQ(fs::status(dir).permissions(), fs::perms::owner_all);
  fs::remove_all(dir);
}
