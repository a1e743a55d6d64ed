#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "TempDir.h"
#include "state/StateStore.h"

namespace fs = std::filesystem;
using namespace brobyg::state;
using brobyg::test::TempDir;

namespace {

std::uintmax_t sizeOr0(const std::string& path) {
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  return ec ? 0 : size;
}

// What the run did when it hit the full disk: writing its package failed.
std::string writePackage(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return std::strerror(errno);
  std::vector<char> block(1 << 20, 'x');
  std::string error;
  for (std::size_t done = 0; done < block.size() && error.empty();) {
    ssize_t n = ::write(fd, block.data() + done, block.size() - done);  // short, then EFBIG
    if (n < 0)
      error = std::strerror(errno);
    else
      done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  return error;
}

}  // namespace

// Issue 10 #16: on a full disk the run reported "cannot record run: Database full" instead
// of the write error that ended it, and the next start called it "interrupted". No file
// may grow once the run started (RLIMIT_FSIZE at the files' sizes: an unprivileged full
// disk); recording the failure must still work and not throw over the real error.
TEST(DiskFull, AFailedRunIsRecordedWhenNoFileCanGrowAnyMore) {
  TempDir tmp;
  const std::string db = tmp.file("brobyg.db");
  {
    StateStore warm(db);  // an installation that has run before
    for (int i = 0; i < 3; ++i) {
      RunSummary done;
      done.status = "nothing-new";
      warm.commitRun(warm.beginRun("job"), done, {{"src", "c" + std::to_string(i)}}, std::nullopt);
    }
  }
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    StateStore store(db);
    const long runId = store.beginRun("job");
    std::signal(SIGXFSZ, SIG_IGN);  // a write past the limit fails with EFBIG instead
    rlimit limit{};
    // The limit holds for every file and every offset: no write may end past the WAL's
    // present size. (The -shm file is mapped, not written.)
    limit.rlim_cur = limit.rlim_max = static_cast<rlim_t>(sizeOr0(db + "-wal"));
    if (limit.rlim_cur == 0 || ::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(3);
    const std::string error = writePackage(tmp.file("package.cms"));
    if (error.empty()) ::_exit(4);  // the limit did not bite: the test proves nothing
    RunSummary failed;
    failed.status = "failed";
    failed.message = "package.cms: cannot write: " + error;
    ::_exit(store.finishRunWithoutCommit(runId, failed) ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0) << "1: the failure was not recorded; 3/4: no full disk";

  StateStore store(db);
  EXPECT_EQ(store.markInterruptedRuns("job"), 0);
  auto runs = store.runs("job", 1);
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].summary.status, "failed");
  EXPECT_EQ(runs[0].summary.message, "package.cms: cannot write: File too large");
}

// When even that fails (here: a message too long for the space the WAL already has), it
// returns false instead of throwing over the caller's error.
TEST(DiskFull, RecordingAFailedRunNeverThrows) {
  TempDir tmp;
  const std::string db = tmp.file("brobyg.db");
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    StateStore store(db);
    const long runId = store.beginRun("job");
    std::signal(SIGXFSZ, SIG_IGN);
    rlimit limit{};
    limit.rlim_cur = limit.rlim_max = static_cast<rlim_t>(sizeOr0(db + "-wal"));
    if (limit.rlim_cur == 0 || ::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(3);
    RunSummary failed;
    failed.status = "failed";
    failed.message = std::string(200000, 'm');
    try {
      ::_exit(store.finishRunWithoutCommit(runId, failed) ? 4 : 0);
    } catch (...) {
      ::_exit(1);
    }
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "1: it threw; 4: it did not fail, the test proves nothing";
}
