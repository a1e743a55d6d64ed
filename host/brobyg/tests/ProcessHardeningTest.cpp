#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "util/ProcessHardening.h"

// Review finding #12: keys and CPR numbers in memory must not end up in a core file.
// In a child process, so that the test runner itself stays as it was.
TEST(ProcessHardening, NoCoreDumpsAndNotDumpable) {
  pid_t child = ::fork();
  ASSERT_NE(child, -1);
  if (child == 0) {
    bool allDone = brobyg::hardenProcess().empty();
    rlimit core{};
    bool noCore = ::getrlimit(RLIMIT_CORE, &core) == 0 && core.rlim_cur == 0 && core.rlim_max == 0;
    bool dumpable = true;
#ifdef __linux__
    dumpable = ::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0;
#else
    dumpable = false;
#endif
    ::_exit((allDone ? 0 : 1) | (noCore ? 0 : 2) | (dumpable ? 4 : 0));
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "1: a step failed, 2: core limit not 0, 4: still dumpable";
}
