// absence_summary's local store of one job: every absence and enrolment it has delivered,
// pseudonymised (SummaryRecord), because a summary needs a pupil's whole period while runs
// are incremental.
//
// Storage, like the row digests' (state/GenerationFile.h): one file of records in
// ascending byte order, <folder>/<generation>.records (0600 in a 0700 folder, behind a
// 16-byte header), where the generation is the id of the run that wrote it; which generation
// is committed lives in the state database and changes only in the run's commit transaction.
//   1. add() takes this run's kept records (after deduplication), in any order: buffered
//      `capacity` at a time, sorted, spilled as sorted runs into the run's scratch folder;
//   2. merge() reads the committed file and the runs in one pass, writes the next generation
//      durably and hands over each pupil with a new record: their whole history, one pupil at
//      a time, with the days the new records touch;
//   3. written() goes into StateStore::commitRun with the cursors, the outbox row and the row
//      digests' generations, as the generation of kGenerationName;
//   4. retire() removes the generation the commit replaced; discard() the one written when
//      the run does not commit.
// A crash before 3 leaves the database naming the old file: the next run reads the same rows
// again and counts them once. The start of the next run removes every file that is not the
// committed generation.
//
// Memory: capacity x 40 bytes (10 MiB by default), 64 KiB per spilled run while merging, and
// one pupil's records. One SummaryStore per run, under the job's lock; not thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "state/StateStore.h"
#include "summary/SummaryRecord.h"

namespace brobyg::summary {

// One pupil as merge() hands it over.
struct PupilHistory {
  PersonKey person{};
  std::uint32_t birthMonth = 0;  // of the newest record
  bool male = false;
  std::vector<StoredRecord> records;  // every record of the pupil, enrolments first, by day
  DayRange touched;                   // the days the pupil's new records cover
  // a new spell without a last day, or a new last day of a spell delivered open before
  // (summarised to the calendar's end: every period after the new end changes)
  bool openEnded = false;
  // whether any record is new: false only for the pupils merge(…, Handover::EveryPupil) hands
  // over besides (touched and openEnded are then empty)
  bool hasNew = true;
};

// Which pupils merge() hands over: those with a new record (a summary of what changed), or
// every pupil of the store (the aggregate tables count the whole population of a period).
enum class Handover { ChangedPupils, EveryPupil };

class SummaryStore {
 public:
  static constexpr std::size_t kDefaultCapacity = 256 * 1024;
  // The store's generation is recorded with the row digests' (state::DigestGeneration) under
  // this name, which no dataset can have (dataset names are letters, digits and '_').
  static constexpr const char* kGenerationName = "absence_summary.store";

  // `folder` is the job's folder of the state (StateLayout::summaryStore), `spillDirectory`
  // a scratch folder of the run. Checks the committed file (missing or not the committed
  // size: brobyg::Error naming it, the job stops) and removes files of other generations.
  SummaryStore(std::string folder, long runId, state::DigestGeneration committed,
               std::string spillDirectory, std::size_t capacity = kDefaultCapacity);
  ~SummaryStore();
  SummaryStore(const SummaryStore&) = delete;
  SummaryStore& operator=(const SummaryStore&) = delete;

  void add(const StoredRecord& record);
  // A record as encodeRecord() wrote it (the run's scratch records), taken as it is.
  void add(const EncodedRecord& record);
  // Whether any record, committed or added, counts lessons (the job's source is lesson-level).
  bool lessons() const { return committedLessons_ || addedLessons_; }

  using PupilSink = std::function<void(const PupilHistory&)>;
  // Once, after the last add(); does nothing when no record was added.
  void merge(const PupilSink& pupil, Handover handover = Handover::ChangedPupils);
  const std::optional<state::DigestGeneration>& written() const { return written_; }
  void retire() noexcept;
  void discard() noexcept;

 private:
  class Run;
  void spill();
  std::string fileOf(long generation) const;

  std::string folder_;
  long runId_;
  state::DigestGeneration committed_;
  std::string spillDirectory_;
  std::size_t capacity_;
  std::vector<EncodedRecord> buffer_;
  std::vector<std::string> runs_;
  std::uint64_t added_ = 0;
  bool committedLessons_ = false;
  bool addedLessons_ = false;
  bool merged_ = false;
  std::optional<state::DigestGeneration> written_;
};

}  // namespace brobyg::summary
