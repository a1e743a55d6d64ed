#include "summary/SummaryStore.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <queue>

#include "state/GenerationFile.h"
#include "util/AtomicFile.h"
#include "util/Error.h"
#include "util/FileSecurity.h"
#include "util/Utf8Path.h"

namespace brobyg::summary {

namespace fs = std::filesystem;
using state::checkCommitted;
using state::ensureDurableFolder;
using state::RecordFileReader;
using state::RecordFileWriter;
using state::RecordOrder;
using state::removeGeneration;
using state::removeOtherGenerations;

namespace {

constexpr std::size_t kHeaderBytes = 16;
constexpr char kMagic[8] = {'B', 'R', 'S', 'U', 'M', 'S', 'T', '1'};
constexpr unsigned char kLessonsFlag = 1;
constexpr const char* kWhat = "summary records";

bool lessThan(const EncodedRecord& a, const EncodedRecord& b) {
  return std::memcmp(a.data(), b.data(), kRecordBytes) < 0;
}

std::string header(bool lessons) {
  std::string bytes(kHeaderBytes, '\0');
  std::memcpy(bytes.data(), kMagic, sizeof kMagic);
  bytes[11] = static_cast<char>(lessons ? kLessonsFlag : 0);
  return bytes;
}

}  // namespace

// A sorted sequence of records to merge: the committed file (after its header), a spilled
// run, or the last buffer of added records, in memory.
class SummaryStore::Run {
 public:
  Run(const std::string& path, std::uint64_t offset, std::uint64_t bytes, RecordOrder order,
      bool isNew)
      : file_(std::make_unique<RecordFileReader>(path, offset, bytes, kRecordBytes, order, kWhat)),
        isNew_(isNew) {}
  explicit Run(const std::vector<EncodedRecord>& records) : memory_(&records), isNew_(true) {}

  bool isNew() const { return isNew_; }
  const unsigned char* head() const { return head_; }
  // Moves to the next record; false at the end.
  bool advance() {
    if (file_) {
      head_ = file_->next();
    } else {
      head_ = at_ < memory_->size() ? (*memory_)[at_++].data() : nullptr;
    }
    return head_ != nullptr;
  }

 private:
  std::unique_ptr<RecordFileReader> file_;
  const std::vector<EncodedRecord>* memory_ = nullptr;
  std::size_t at_ = 0;
  const unsigned char* head_ = nullptr;
  bool isNew_;
};

namespace {

// Orders a priority queue of runs so that the one with the smallest head is on top.
struct LaterHead {
  template <typename Run>
  bool operator()(const Run* a, const Run* b) const {
    return std::memcmp(b->head(), a->head(), kRecordBytes) < 0;
  }
};

// The pupil being gathered during the merge. Records stay encoded until the pupil turns out to
// have a new one: most pupils of a large store have none, and are only copied.
class PupilGroup {
 public:
  bool started() const { return started_; }
  bool samePerson(const EncodedRecord& record) const {
    return std::memcmp(record.data(), person_.data(), kPersonBytes) == 0;
  }
  void start(const EncodedRecord& record) {
    person_ = personOf(record.data());
    encoded_.clear();
    touched_ = {};
    openEnded_ = false;
    hasNew_ = false;
    started_ = true;
  }
  void add(const EncodedRecord& bytes, bool isNew) {
    encoded_.push_back(bytes);
    if (!isNew) return;
    const StoredRecord record = decodeRecord(bytes.data());
    const Day first = record.day;
    Day last = record.day;
    if (record.kind != RecordKind::Absence) {
      if (record.last)
        last = *record.last;
      else
        openEnded_ = true;
    }
    if (!hasNew_ || first < touched_.first) touched_.first = first;
    if (!hasNew_ || last > touched_.last) touched_.last = last;
    hasNew_ = true;
  }
  // Writes the pupil's records to the next generation and hands the pupil to `sink` when one
  // of them is new, or always with Handover::EveryPupil.
  void finish(RecordFileWriter& next, const SummaryStore::PupilSink& sink, Handover handover) {
    if (!started_) return;
    if (hasNew_) dropSupersededSpells();
    for (const EncodedRecord& bytes : encoded_) next.add(bytes.data());
    if (!hasNew_ && handover == Handover::ChangedPupils) return;
    pupil_.person = person_;
    pupil_.touched = touched_;
    pupil_.openEnded = openEnded_;
    pupil_.hasNew = hasNew_;
    pupil_.records.clear();
    for (const EncodedRecord& bytes : encoded_)
      pupil_.records.push_back(decodeRecord(bytes.data()));
    pupil_.birthMonth = pupil_.records.back().birthMonth;
    pupil_.male = pupil_.records.back().male;
    sink(pupil_);
  }

 private:
  // An open spell whose closed twin arrived (supersededByClosedTwin) leaves the store. Only a
  // run that adds one of the two can make such a pair, so pupils with nothing new are skipped.
  // A new end shortens every period after it: the pupil is summarised to the calendar's end.
  void dropSupersededSpells() {
    std::vector<EncodedRecord> kept;
    for (const EncodedRecord& bytes : encoded_) {
      if (supersededByClosedTwin(bytes, encoded_))
        openEnded_ = true;
      else
        kept.push_back(bytes);
    }
    encoded_.swap(kept);
  }

  PersonKey person_{};
  std::vector<EncodedRecord> encoded_;
  DayRange touched_{};
  bool openEnded_ = false;
  bool hasNew_ = false;
  bool started_ = false;
  PupilHistory pupil_;  // reused: its records' memory outlives one pupil
};

}  // namespace

SummaryStore::SummaryStore(std::string folder, long runId, state::DigestGeneration committed,
                           std::string spillDirectory, std::size_t capacity)
    : folder_(std::move(folder)),
      runId_(runId),
      committed_(committed),
      spillDirectory_(std::move(spillDirectory)),
      capacity_(std::max<std::size_t>(capacity, 1)) {
  const std::string current =
      committed_.generation > 0
          ? utf8FromPath(pathFromUtf8(fileOf(committed_.generation)).filename())
          : "";
  if (!current.empty()) {
    const std::string path = fileOf(committed_.generation);
    checkCommitted(path, committed_.bytes, "absences already summarised could be counted again");
    std::FILE* file = openFileUtf8(path, "rb");
    unsigned char bytes[kHeaderBytes] = {};
    const bool read = file && std::fread(bytes, 1, sizeof bytes, file) == sizeof bytes;
    if (file) std::fclose(file);
    if (!read || std::memcmp(bytes, kMagic, sizeof kMagic) != 0)
      throw Error(path + ": not a brobyg summary store file; restore it from a backup");
    committedLessons_ = (bytes[11] & kLessonsFlag) != 0;
  }
  // Files of other generations: written by a run that never committed, or replaced by a
  // commit whose retire() did not finish. None is ever read.
  removeOtherGenerations(folder_, "", current);
}

SummaryStore::~SummaryStore() {
  std::error_code ec;
  for (const std::string& run : runs_) fs::remove(pathFromUtf8(run), ec);
}

std::string SummaryStore::fileOf(long generation) const {
  return joinUtf8(folder_, std::to_string(generation) + ".records");
}

void SummaryStore::add(const StoredRecord& record) {
  add(encodeRecord(record));
}

void SummaryStore::add(const EncodedRecord& record) {
  if (merged_) throw Error("summary store: a record added after the merge");
  if (isLessonAbsence(record.data())) addedLessons_ = true;
  buffer_.push_back(record);
  ++added_;
  if (buffer_.size() >= capacity_) spill();
}

void SummaryStore::spill() {
  std::sort(buffer_.begin(), buffer_.end(), lessThan);
  createPrivateDirectory(spillDirectory_);
  const std::string path = joinUtf8(spillDirectory_, "summary-run-" + std::to_string(runs_.size()));
  OutputFile out(path);
  out.write(buffer_.data(), buffer_.size() * kRecordBytes);
  out.close(false);
  runs_.push_back(path);
  buffer_.clear();
}

void SummaryStore::merge(const PupilSink& pupil, Handover handover) {
  if (merged_) throw Error("summary store merged twice");
  merged_ = true;
  if (added_ == 0) return;

  std::vector<std::unique_ptr<Run>> runs;
  if (committed_.generation > 0)
    runs.push_back(std::make_unique<Run>(fileOf(committed_.generation), kHeaderBytes,
                                         committed_.bytes - kHeaderBytes,
                                         RecordOrder::StrictlyAscending, false));
  for (const std::string& path : runs_)
    runs.push_back(std::make_unique<Run>(path, 0, fs::file_size(pathFromUtf8(path)),
                                         RecordOrder::Ascending, true));
  std::sort(buffer_.begin(), buffer_.end(), lessThan);
  runs.push_back(std::make_unique<Run>(buffer_));

  ensureDurableFolder(folder_);
  RecordFileWriter next(fileOf(runId_), kRecordBytes, header(lessons()));

  std::priority_queue<Run*, std::vector<Run*>, LaterHead> heads;
  for (auto& run : runs)
    if (run->advance()) heads.push(run.get());
  PupilGroup group;
  EncodedRecord record;
  while (!heads.empty()) {
    std::memcpy(record.data(), heads.top()->head(), kRecordBytes);
    // Equal records (one delivered by two sources, again after a crash, or twice in this run)
    // are one record, new only when the committed file does not hold it.
    bool isNew = true;
    while (!heads.empty() && std::memcmp(heads.top()->head(), record.data(), kRecordBytes) == 0) {
      Run* run = heads.top();
      heads.pop();
      if (!run->isNew()) isNew = false;
      if (run->advance()) heads.push(run);
    }
    if (!group.started() || !group.samePerson(record)) {
      group.finish(next, pupil, handover);
      group.start(record);
    }
    group.add(record, isNew);
  }
  group.finish(next, pupil, handover);
  buffer_ = {};
  written_ = state::DigestGeneration{kGenerationName, runId_, next.commit()};
}

void SummaryStore::retire() noexcept {
  if (written_ && committed_.generation > 0) removeGeneration(fileOf(committed_.generation));
}

void SummaryStore::discard() noexcept {
  if (written_) removeGeneration(fileOf(written_->generation));
}

}  // namespace brobyg::summary
