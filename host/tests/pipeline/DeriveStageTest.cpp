#include <gtest/gtest.h>

#include <filesystem>

#include "StageFixture.h"
#include "dataset/DatasetSpec.h"
#include "pipeline/stages/Commit.h"
#include "pipeline/stages/Deduplicate.h"
#include "pipeline/stages/Derive.h"
#include "pipeline/stages/Write.h"
#include "util/AtomicFile.h"

using namespace brobyg;
using pipeline::Commit;
using pipeline::DatasetOutputs;
using pipeline::Derive;
using test::SourceRow;

namespace {

class DeriveStage : public ::testing::Test, protected test::StageFixture {
 protected:
  void send(Derive& derive, const SourceRow& row, const char* origin = "export.csv:2") {
    auto abi = row.abi();
    derive.row(abi.data(), abi.size(), origin);
  }
};

}  // namespace

TEST_F(DeriveStage, CountsEveryRowOnceAsWrittenOrRejected) {
  test::RunParts run(store, layout, "job");
  DatasetOutputs outputs({"csv"}, dir.path());
  Derive derive(pseudonymiser, today, run.quarantine, run.digests, run.summary);
  derive.beginSource("skole", outputs.of(dataset::absenceEvent()));

  send(derive, SourceRow{});
  send(derive, SourceRow{}.on("2025-10-06"));
  send(derive, SourceRow{}, "export.csv:4");  // the same pupil, day and category again
  SourceRow badCpr;
  badCpr.values[0] = "320215-4837";
  send(derive, badCpr, "export.csv:5");
  derive.reject("export.csv:6", "unterminated quote", "\"x;y");

  EXPECT_EQ(run.summary.rowsRead, 5u);
  EXPECT_EQ(run.summary.rowsWritten, 3u) << "duplicates are decided after the last row";
  EXPECT_EQ(run.summary.rowsRejected, 2u);
  EXPECT_EQ(run.quarantine.count(), 2u);
  EXPECT_EQ(outputs.rows(), 3u);
  EXPECT_EQ(run.digests.dataset("absence_event").rows(), 3u);

  // The deduplicate stage then finds the third row a repeat of the first.
  outputs.finish();
  EXPECT_EQ(pipeline::deduplicate(outputs, run.digests, run.summary), 1u);
  EXPECT_EQ(run.summary.rowsWritten, 2u);
  EXPECT_EQ(run.summary.rowsDuplicate, 1u);
  EXPECT_EQ(outputs.rows(), 2u);
  EXPECT_EQ(outputs.period().from, "2025-10-03");
  EXPECT_EQ(outputs.period().to, "2025-10-06");
  EXPECT_EQ(outputs.files()[0].rows, 2u);
}

TEST_F(DeriveStage, RejectedRowsKeepTheirRawValuesOnlyInTheQuarantine) {
  test::RunParts run(store, layout, "job");
  DatasetOutputs outputs({"csv"}, dir.path());
  Derive derive(pseudonymiser, today, run.quarantine, run.digests, run.summary);
  derive.beginSource("skole", outputs.of(dataset::absenceEvent()));
  SourceRow future = SourceRow{}.on("2031-01-01");
  future.values[0] = "010130-4837";  // born 2030: after the date of the run
  send(derive, future, "export.csv:9");
  EXPECT_EQ(run.summary.rowsRejected, 1u);
  Commit(store, run.runId, run.quarantine, run.digests).commit(run.summary, {}, std::nullopt);
  const std::string quarantined = readFile(run.quarantine.path());
  EXPECT_NE(quarantined.find("\"skole\",\"export.csv:9\",\"person:"), std::string::npos)
      << quarantined;
  EXPECT_NE(quarantined.find("010130-4837"), std::string::npos) << quarantined;
}

TEST_F(DeriveStage, ARowMustFollowItsSource) {
  test::RunParts run(store, layout, "job");
  Derive derive(pseudonymiser, today, run.quarantine, run.digests, run.summary);
  EXPECT_THROW(send(derive, SourceRow{}), Error);
}

// Issue 11 item 4: the run summary counts case_measure rows whose legal basis matched nothing;
// the counts of every source of the run add up, and the period spans both period columns.
TEST_F(DeriveStage, TheDatasetRulesCountsAddUpOverSources) {
  const dataset::DatasetSpec* caseMeasure = dataset::findDataset("case_measure");
  ASSERT_NE(caseMeasure, nullptr);
  test::RunParts run(store, layout, "job");
  DatasetOutputs outputs({"csv"}, dir.path());
  Derive derive(pseudonymiser, today, run.quarantine, run.digests, run.summary);
  // person, municipality, legal_basis, placement_type, start, end
  SourceRow known;
  known.values = {"150215-4837", "0101", "SEL § 52, stk. 3, nr. 7", "", "2025-01-10", "2025-03-31"};
  SourceRow unknown;
  unknown.values = {"150215-4837", "0101", "efter aftale med forældrene", "", "2025-02-01", ""};
  derive.beginSource("sag-a", outputs.of(*caseMeasure));
  send(derive, known);
  send(derive, unknown);
  derive.beginSource("sag-b", outputs.of(*caseMeasure));
  SourceRow unknownToo = unknown;
  unknownToo.values[4] = "2024-12-01";
  send(derive, unknownToo);

  EXPECT_EQ(run.summary.rowsWritten, 3u) << "a basis that matched nothing keeps its row";
  std::uint64_t unrecognised = 0;
  for (const pipeline::RunCount& count : derive.counts())
    if (count.name == "legal_basis_unrecognised") unrecognised = count.rows;
  EXPECT_EQ(unrecognised, 2u);
  EXPECT_EQ(outputs.period().from, "2024-12-01");
  EXPECT_EQ(outputs.period().to, "2025-03-31");
}
