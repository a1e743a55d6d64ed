#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "aggregate/AggregateTable.h"
#include "aggregate/Suppression.h"
#include "calendar/SchoolCalendar.h"
#include "config/Config.h"
#include "pipeline/stages/RowTap.h"
#include "pipeline/stages/Write.h"
#include "pseudo/Date.h"
#include "risk/RiskReport.h"
#include "state/StateStore.h"
#include "summary/SummaryRecord.h"
#include "summary/SummaryStore.h"
#include "util/AtomicFile.h"

namespace brobyg::pipeline {

// The summarise stage, for a job that ships absence_summary, person_period or absence_aggregate
// (issue 15): after the deduplicate stage, the absences, enrolments and (for person_period) case
// measures this run keeps join the job's store (summary::SummaryStore), and every child with a
// new one is summarised over their whole history (summary::summarisePupil,
// summary::personPeriods) for the periods the new records touch; those rows are the run's
// absence_summary and person_period. Rows an earlier package carried are not counted again:
// only rows the deduplicate stage kept enter the store, and the store holds each record once.
// absence_aggregate counts a period's whole population, so the store then hands over every
// child, and every table of a period the run's new records touch is counted again, suppressed
// at the job's risk k (aggregate::suppress) and written whole.
//
//   derive: each written row of absence_event, enrolment and case_measure (RowTap) → a 40-byte
//           record in a scratch file per dataset, in ordinal order;
//   run():  the records whose rows were kept → the store → one merge pass → the next store
//           generation, durable → [crash point summary-written] → rows to the datasets.
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
  // After the deduplicate stage: writes the run's absence_summary and person_period rows into
  // `outputs` (their files finished) and returns how many.
  std::uint64_t run(DatasetOutputs& outputs);

  // After run(): what suppression took from the run's absence_aggregate, for the risk report;
  // none when the job does not ship it or the run wrote no table.
  const std::optional<risk::AggregateRisk>& aggregateRisk() const { return aggregateRisk_; }

  // The store's next generation, for the commit with the row digests'; none when unchanged.
  std::optional<state::DigestGeneration> generation() const;
  void retire() noexcept;
  void discard() noexcept;

 private:
  struct Pending;
  void summarise(const summary::PupilHistory& pupil, DatasetOutput* summaryOutput,
                 DatasetOutput* periodOutput);
  void writeSummaryRows(const summary::PupilHistory& pupil,
                        const std::vector<summary::SummaryRow>& rows,
                        const std::vector<std::pair<std::string, std::string>>& municipalityOf,
                        DatasetOutput& output);
  void writePeriodRows(const summary::PupilHistory& pupil,
                       const std::vector<summary::PersonPeriodRow>& rows, DatasetOutput& output);
  void countPupil(const std::vector<summary::Enrolment>& enrolments,
                  const std::vector<summary::Absence>& absences,
                  const std::vector<std::pair<std::string, std::string>>& municipalityOf);
  void writeAggregateRows(DatasetOutput& output);

  calendar::SchoolCalendar calendar_;
  summary::Thresholds thresholds_;
  bool shipsSummary_ = false, shipsPeriods_ = false, shipsAggregates_ = false;
  int k_ = aggregate::kDefaultK;
  aggregate::AggregateTable aggregates_;
  std::optional<calendar::DayRange> runTouched_;  // the days of every new record of the run
  std::optional<risk::AggregateRisk> aggregateRisk_;
  std::string job_;
  std::filesystem::path storeFolder_;
  long runId_;
  std::filesystem::path workFolder_;
  std::string asOf_;
  calendar::Day today_ = 0;
  calendar::Day openEnd_ = 0;  // where an enrolment without a last day is counted up to
  summary::RecordReader reader_;
  std::unique_ptr<summary::SummaryStore> store_;
  std::unique_ptr<Pending> absences_, enrolments_, measures_;
};

// Whether the job ships a computed dataset (absence_summary, person_period,
// absence_aggregate): it has a summarise stage.
bool summarises(const config::JobConfig& job);

}  // namespace brobyg::pipeline
