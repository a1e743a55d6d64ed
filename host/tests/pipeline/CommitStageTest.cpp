#include <gtest/gtest.h>

#include <filesystem>

#include "StageFixture.h"
#include "dataset/DatasetSpec.h"
#include "pipeline/stages/Commit.h"
#include "pipeline/stages/Deduplicate.h"
#include "pipeline/stages/Derive.h"
#include "pipeline/stages/Write.h"

using namespace brobyg;
using pipeline::Commit;
using pipeline::DatasetOutputs;
using pipeline::Derive;
using test::SourceRow;
namespace fs = std::filesystem;

namespace {

class CommitStage : public ::testing::Test, protected test::StageFixture {
 protected:
  // One run of "job" over `rows` (plus one row the source rejects); returns its parts.
  std::unique_ptr<test::RunParts> derive(const std::vector<SourceRow>& rows) {
    auto run = std::make_unique<test::RunParts>(store, layout, "job");
    fs::create_directories(dir.file("work-" + std::to_string(run->runId)));
    outputs = std::make_unique<DatasetOutputs>(std::vector<std::string>{"csv"},
                                               dir.file("work-" + std::to_string(run->runId)));
    Derive stage(pseudonymiser, today, run->quarantine, run->digests, run->summary);
    stage.beginSource("skole", outputs->of(dataset::absenceEvent()));
    for (const SourceRow& row : rows) {
      auto abi = row.abi();
      stage.row(abi.data(), abi.size(), "export.csv:2");
    }
    stage.reject("export.csv:1", "not a row", "x");
    outputs->finish();
    pipeline::deduplicate(*outputs, run->digests, run->summary);
    return run;
  }
  std::size_t quarantineFiles() {
    std::size_t n = 0;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(layout.quarantine(), ec)) n += e.is_regular_file();
    return n;
  }
  std::unique_ptr<DatasetOutputs> outputs;
};

}  // namespace

TEST_F(CommitStage, CursorsQuarantineAndDigestsMoveTogether) {
  auto first = derive({SourceRow{}, SourceRow{}.on("2025-10-06")});
  first->summary.status = "ok";
  Commit(store, first->runId, first->quarantine, first->digests)
      .commit(first->summary, {{"skole", "file-1"}}, std::nullopt);
  EXPECT_EQ(store.cursor("job", "skole"), std::optional<std::string>("file-1"));
  EXPECT_TRUE(fs::exists(first->quarantine.path())) << "published after the commit";
  EXPECT_TRUE(store.runCommitted("job", first->runId));
  first.reset();  // one run of a job at a time

  // The next run meets one row it delivered before and one new row.
  auto second = derive({SourceRow{}, SourceRow{}.on("2025-10-07")});
  EXPECT_EQ(second->summary.rowsWritten, 1u);
  EXPECT_EQ(second->summary.rowsDuplicate, 1u);
}

TEST_F(CommitStage, AnAbandonedRunLeavesCursorsQuarantineAndDigestsAsTheyWere) {
  auto first = derive({SourceRow{}});
  first->summary.status = "ok";
  Commit(store, first->runId, first->quarantine, first->digests)
      .commit(first->summary, {{"skole", "file-1"}}, std::nullopt);
  ASSERT_EQ(quarantineFiles(), 1u);
  first.reset();

  auto failed = derive({SourceRow{}.on("2025-10-08")});
  ASSERT_EQ(failed->summary.rowsWritten, 1u);
  failed->summary.status = "retry-later";
  Commit(store, failed->runId, failed->quarantine, failed->digests).abandon(failed->summary);
  EXPECT_EQ(store.cursor("job", "skole"), std::optional<std::string>("file-1"));
  EXPECT_EQ(quarantineFiles(), 1u) << "the abandoned run's rejected row is not kept";
  EXPECT_FALSE(store.runCommitted("job", failed->runId));
  failed.reset();

  // Its row was never delivered: the next run delivers it.
  auto again = derive({SourceRow{}.on("2025-10-08")});
  EXPECT_EQ(again->summary.rowsWritten, 1u);
  EXPECT_EQ(again->summary.rowsDuplicate, 0u);
}
