// The summarise stage between the real derive, deduplicate and commit stages: kept rows
// enter the job's store, a pupil with a new row is summarised over their whole history, a
// row delivered before changes nothing, and an abandoned run leaves the store as it was.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "StageFixture.h"
#include "dataset/DatasetSpec.h"
#include "pipeline/stages/Commit.h"
#include "pipeline/stages/Deduplicate.h"
#include "pipeline/stages/Derive.h"
#include "pipeline/stages/Summarise.h"
#include "pipeline/stages/Write.h"

using namespace brobyg;
using pipeline::DatasetOutputs;
using test::SourceRow;
namespace fs = std::filesystem;

namespace {

// person, municipality, school, grade, start, end
SourceRow enrolmentRow(const std::string& start, const std::string& end) {
  SourceRow row;
  row.values = {"150215-4837", "0101", "101002", "5", start, end};
  return row;
}

SourceRow absenceRow(const std::string& date, const std::string& category) {
  SourceRow row = SourceRow{}.on(date);
  row.values[7] = category;
  return row;
}

std::vector<std::map<std::string, std::string>> readRows(const fs::path& csv) {
  std::ifstream in(csv);
  std::string line;
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;
  auto split = [](const std::string& text) {
    std::vector<std::string> cells;
    std::stringstream s(text);
    std::string cell;
    while (std::getline(s, cell, ',')) cells.push_back(cell);
    if (!text.empty() && text.back() == ',') cells.emplace_back();
    return cells;
  };
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (header.empty()) {
      header = split(line);
      continue;
    }
    const auto cells = split(line);
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) row[header[i]] = cells[i];
    rows.push_back(row);
  }
  return rows;
}

class SummariseStage : public ::testing::Test, protected test::StageFixture {
 protected:
  SummariseStage() {
    config.producer.municipality = "101";
    config::SchoolCalendarConfig calendar;
    calendar.spec.municipality = "101";
    calendar.spec.schoolYears = {
        {summary::dayFromIso("2026-08-10", "first"), summary::dayFromIso("2027-06-25", "last")}};
    config.schoolCalendars.push_back(calendar);
    job.id = "job";
    config::JobDatasetConfig entry;
    entry.dataset = "absence_summary";
    job.datasets.push_back(entry);
  }

  struct Run {
    std::unique_ptr<test::RunParts> parts;
    std::unique_ptr<pipeline::Summarise> summarise;
    std::unique_ptr<DatasetOutputs> outputs;
    fs::path work;
    std::vector<std::map<std::string, std::string>> rows;  // absence_summary
  };

  Run run(const std::vector<SourceRow>& enrolments, const std::vector<SourceRow>& absences) {
    Run r;
    r.parts = std::make_unique<test::RunParts>(store, layout, "job");
    r.work = dir.file("work-" + std::to_string(r.parts->runId));
    fs::create_directories(r.work);
    r.summarise = std::make_unique<pipeline::Summarise>(config, job, layout.summaryStore("job"),
                                                        r.parts->runId, r.work, today);
    r.summarise->open(store);
    r.outputs = std::make_unique<DatasetOutputs>(std::vector<std::string>{"csv"}, r.work);
    pipeline::Derive derive(pseudonymiser, today, r.parts->quarantine, r.parts->digests,
                            r.parts->summary);
    derive.setTap(r.summarise.get());
    derive.beginSource("elever", r.outputs->of(dataset::enrolment()));
    for (const SourceRow& row : enrolments) {
      auto abi = row.abi();
      derive.row(abi.data(), abi.size(), "elever.csv");
    }
    derive.beginSource("skole", r.outputs->of(dataset::absenceEvent()));
    for (const SourceRow& row : absences) {
      auto abi = row.abi();
      derive.row(abi.data(), abi.size(), "fravaer.csv");
    }
    EXPECT_EQ(r.parts->summary.rowsRejected, 0u);
    r.outputs->finish();
    pipeline::deduplicate(*r.outputs, r.parts->digests, r.parts->summary);
    r.summarise->run(*r.outputs);
    r.rows = readRows(r.work / "absence_summary.csv");
    return r;
  }

  void commit(Run& r) {
    r.parts->summary.status = "ok";
    pipeline::Commit(store, r.parts->runId, r.parts->quarantine, r.parts->digests,
                     r.summarise.get())
        .commit(r.parts->summary, {}, std::nullopt);
  }

  static const std::map<std::string, std::string>& q3(const Run& r) {
    for (const auto& row : r.rows)
      if (row.at("period") == "2026Q3") return row;
    throw std::runtime_error("no 2026Q3 row");
  }

  std::vector<fs::path> storeFiles() {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(layout.summaryStore("job"), ec))
      files.push_back(e.path());
    return files;
  }

  config::Config config;
  config::JobConfig job;
};

}  // namespace

TEST_F(SummariseStage, KeptRowsAreSummarisedWithEverythingCommittedBefore) {
  Run first = run({enrolmentRow("2026-08-10", "")},
                  {absenceRow("2026-09-01", "sick"), absenceRow("2026-09-02", "unauthorised"),
                   absenceRow("2026-09-02", "unauthorised")});  // the same row twice: once
  EXPECT_EQ(first.parts->summary.rowsDuplicate, 1u);
  // Q3 2026: 38 weekdays from 10 August to 30 September.
  const auto& row = q3(first);
  EXPECT_EQ(row.at("planned"), "38");
  EXPECT_EQ(row.at("sick"), "1");
  EXPECT_EQ(row.at("unauthorised"), "1");
  EXPECT_EQ(row.at("absent"), "2");
  EXPECT_EQ(row.at("unauthorised_rate"), "2.63");
  EXPECT_EQ(row.at("absence_rate"), "5.26");
  EXPECT_EQ(row.at("unauth_warn"), "no");
  EXPECT_EQ(row.at("school"), "101002");
  EXPECT_EQ(row.at("municipality"), "101");
  EXPECT_EQ(row.at("birth_month"), "2015-02");
  EXPECT_EQ(row.at("as_of"), "2026-11-25");
  commit(first);
  first = {};

  // Three more unauthorised days: 4 of 38 is 10.53 %, the warning threshold.
  Run second =
      run({}, {absenceRow("2026-09-03", "unauthorised"), absenceRow("2026-09-04", "unauthorised"),
               absenceRow("2026-09-07", "unauthorised")});
  const auto& again = q3(second);
  EXPECT_EQ(again.at("sick"), "1");
  EXPECT_EQ(again.at("unauthorised"), "4");
  EXPECT_EQ(again.at("unauthorised_rate"), "10.53");
  EXPECT_EQ(again.at("unauth_warn"), "yes");
  EXPECT_EQ(again.at("unauth_notify"), "no");
  commit(second);
  second = {};
  ASSERT_EQ(storeFiles().size(), 1u);
  EXPECT_EQ(fs::file_size(storeFiles()[0]), 16u + 40u * 6);
  // Its generation is recorded with the row digests', under the store's reserved name.
  const state::DigestGeneration committed =
      store.committedDigests("job", summary::SummaryStore::kGenerationName);
  EXPECT_EQ(committed.bytes, 16u + 40u * 6);
  EXPECT_EQ(storeFiles()[0].filename().string(), std::to_string(committed.generation) + ".records");

  // A row delivered before is dropped by the deduplicate stage and never reaches the store.
  Run third = run({}, {absenceRow("2026-09-03", "unauthorised")});
  EXPECT_EQ(third.parts->summary.rowsDuplicate, 1u);
  EXPECT_TRUE(third.rows.empty());
  EXPECT_FALSE(third.summarise->generation().has_value());
}

TEST_F(SummariseStage, AnAbandonedRunLeavesTheStoreAsItWas) {
  Run first = run({enrolmentRow("2026-08-10", "")}, {absenceRow("2026-09-01", "sick")});
  commit(first);
  first = {};
  const auto before = storeFiles();
  ASSERT_EQ(before.size(), 1u);

  Run failed = run({}, {absenceRow("2026-09-02", "unauthorised")});
  ASSERT_TRUE(failed.summarise->generation().has_value());
  failed.parts->summary.status = "failed";
  pipeline::Commit(store, failed.parts->runId, failed.parts->quarantine, failed.parts->digests,
                   failed.summarise.get())
      .abandon(failed.parts->summary);
  EXPECT_EQ(storeFiles(), before);
  failed = {};

  // The next run counts the same absence once.
  Run retried = run({}, {absenceRow("2026-09-02", "unauthorised")});
  EXPECT_EQ(q3(retried).at("unauthorised"), "1");
  EXPECT_EQ(q3(retried).at("absent"), "2");
}

TEST_F(SummariseStage, ALessonSourceGivesLessonRowsPlannedFromTheCalendar) {
  config.schoolCalendars[0].spec.lessons = {{0, 9, {6, 6, 6, 6, 6}}};
  SourceRow lesson = absenceRow("2026-09-01", "unauthorised");
  lesson.values[5] = "lesson";
  lesson.values[6] = "3";
  Run r = run({enrolmentRow("2026-08-10", "")}, {lesson});
  bool found = false;
  for (const auto& row : r.rows) {
    if (row.at("period") != "2026Q3") continue;
    if (row.at("unit") == "lesson") {
      found = true;
      EXPECT_EQ(row.at("planned"), "228");  // 38 school days of 6 lessons
      EXPECT_EQ(row.at("unauthorised"), "1");
      EXPECT_EQ(row.at("unauthorised_rate"), "0.44");
    } else {
      EXPECT_EQ(row.at("planned"), "38");
      EXPECT_EQ(row.at("absent"), "0") << "a lesson is not a day";
    }
  }
  EXPECT_TRUE(found) << "no lesson row";
}
