#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "calendar/SchoolCalendar.h"
#include "config/Config.h"
#include "pipeline/stages/RowTap.h"
#include "pipeline/stages/Write.h"
#include "pseudo/Date.h"
#include "state/StateStore.h"
#include "summary/SummaryRecord.h"
#include "summary/SummaryStore.h"
#include "util/AtomicFile.h"

namespace brobyg::pipeline {

// The summarise stage, for a job that ships absence_summary (issue 15): after the deduplicate
// stage, the absences and enrolments this run keeps join the job's store
// (summary::SummaryStore), and every pupil with a new one is summarised over their whole
// history (summary::summarisePupil) for the periods the new records touch; those rows are the
// run's absence_summary. Rows an earlier package carried are not counted again: only rows the
// deduplicate stage kept enter the store, and the store holds each record once.
//
//   derive: each written row of absence_event and enrolment (RowTap) → a 40-byte record in a
//           scratch file per dataset, in ordinal order;
//   run():  the records whose rows were kept → the store → one merge pass → the next store
//           generation, durable → [crash point summary-written] → rows to absence_summary.
//
// The commit stage names the generation in the run's transaction (generation()), then
// retire()s the old one; Commit::abandon discard()s it.
class Summarise : public RowTap {
 public:
  Summarise(const config::Config& config, const config::JobConfig& job,
            std::filesystem::path storeFolder, long runId, std::filesystem::path workFolder,
            const pseudo::Date& today);
  ~Summarise() override;

  // Opens the store (checks the committed file); before the first row.
  void open(state::StateStore& store);
  void written(const DatasetOutput& output, const std::vector<std::string_view>& columns,
               std::uint64_t ordinal) override;
  // After the deduplicate stage: writes the run's absence_summary rows into `outputs` (its
  // files finished) and returns how many.
  std::uint64_t run(DatasetOutputs& outputs);

  // The store's next generation, for the commit with the row digests'; none when unchanged.
  std::optional<state::DigestGeneration> generation() const;
  void retire() noexcept;
  void discard() noexcept;

 private:
  struct Pending;
  void summarise(const summary::PupilHistory& pupil, DatasetOutput& output);

  calendar::SchoolCalendar calendar_;
  summary::Thresholds thresholds_;
  std::string job_;
  std::filesystem::path storeFolder_;
  long runId_;
  std::filesystem::path workFolder_;
  std::string asOf_;
  calendar::Day openEnd_ = 0;  // where an enrolment without a last day is counted up to
  summary::RecordReader reader_;
  std::unique_ptr<summary::SummaryStore> store_;
  std::unique_ptr<Pending> absences_, enrolments_;
};

// The job's absence_summary entry, or null when it does not ship one.
const config::JobDatasetConfig* summaryEntry(const config::JobConfig& job);

}  // namespace brobyg::pipeline
