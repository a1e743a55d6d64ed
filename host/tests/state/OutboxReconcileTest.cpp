#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "TempDir.h"
#include "pipeline/OutboxReconcile.h"
#include "state/StateStore.h"

namespace fs = std::filesystem;
using brobyg::test::TempDir;

namespace {
void touch(const fs::path& path, fs::file_time_type when) {
  std::ofstream(path) << "cms bytes";
  fs::last_write_time(path, when);
}
}  // namespace

// Issue 10 #16: killed runs left ".<id>.cms.tmp-*" files (30 MB after 16 kills) that
// nothing removed. Those no run writes any more go at the next start; a fresh one may be
// another job's package being written right now, and stays.
TEST(OutboxReconcile, RemovesTempFilesOfKilledRunsOnly) {
  TempDir tmp;
  const fs::path outbox = tmp.file("outbox");
  fs::create_directories(outbox);
  brobyg::state::StateStore store(tmp.file("brobyg.db"));
  const auto now = fs::file_time_type::clock::now();
  const auto old = now - brobyg::pipeline::kAbandonedTempFileAge - std::chrono::seconds(1);
  touch(outbox / ".p1.cms.tmp-1a2b", old);
  touch(outbox / ".p2.cms.tmp-ff", old);
  touch(outbox / ".p3.cms.tmp-9c", now);  // being written by another job's run
  touch(outbox / ".notes.tmp-1", old);    // not a package's temp file
  touch(outbox / "p4.cms", old);          // a package without a record: kept for the admin

  auto report = brobyg::pipeline::reconcileOutbox(store, outbox.string(), now);
  EXPECT_EQ(report.tempFilesRemoved, 2u);
  EXPECT_FALSE(fs::exists(outbox / ".p1.cms.tmp-1a2b"));
  EXPECT_FALSE(fs::exists(outbox / ".p2.cms.tmp-ff"));
  EXPECT_TRUE(fs::exists(outbox / ".p3.cms.tmp-9c"));
  EXPECT_TRUE(fs::exists(outbox / ".notes.tmp-1"));
  EXPECT_TRUE(fs::exists(outbox / "p4.cms"));
  ASSERT_EQ(report.filesWithoutRecord.size(), 1u);

  report = brobyg::pipeline::reconcileOutbox(store, outbox.string(), now);
  EXPECT_EQ(report.tempFilesRemoved, 0u);
}
