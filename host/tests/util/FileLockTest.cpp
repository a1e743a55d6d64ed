#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>
#include <filesystem>

#include "util/Error.h"
#include "util/FileLock.h"

TEST(FileLock, SecondHolderIsRefusedUntilTheFirstLetsGo) {
  std::string path =
      (std::filesystem::temp_directory_path() / ("brobyg-lock-" + std::to_string(::getpid())))
          .string();
  {
    brobyg::FileLock first(path, "job 'x'");
    // flock locks belong to the open file: a child process opening it again must be refused.
    pid_t child = ::fork();
    if (child == 0) {
      try {
        brobyg::FileLock second(path, "job 'x'");
        std::_Exit(1);
      } catch (const brobyg::Error& e) {
        std::_Exit(std::string(e.what()) == "job 'x' is already running in another process" ? 0
                                                                                            : 2);
      }
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    EXPECT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
  }
  EXPECT_NO_THROW(brobyg::FileLock again(path, "job 'x'"));
  std::filesystem::remove(path);
}

// flock locks belong to the open file, so a second open in the same process is refused too:
// the behaviour FileLockWindows.cpp (LockFileEx) matches, tested there by WindowsSeamsTest.
TEST(FileLock, SecondLockInTheSameProcessIsRefused) {
  std::string path =
      (std::filesystem::temp_directory_path() / ("brobyg-lock2-" + std::to_string(::getpid())))
          .string();
  {
    brobyg::FileLock first(path, "job 'y'");
    EXPECT_THROW(brobyg::FileLock second(path, "job 'y'"), brobyg::Error);
  }
  EXPECT_NO_THROW(brobyg::FileLock again(path, "job 'y'"));
  std::filesystem::remove(path);
}
