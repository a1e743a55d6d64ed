#include "summary/SummaryStore.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <memory>

#include "util/AtomicFile.h"
#include "util/Error.h"
#include "util/FileSecurity.h"

namespace brobyg::summary {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kHeaderBytes = 16;
constexpr char kMagic[8] = {'B', 'R', 'S', 'U', 'M', 'S', 'T', '1'};
constexpr unsigned char kLessonsFlag = 1;
constexpr std::size_t kChunkRecords = 1638;  // 64 KiB per read or write

bool lessThan(const EncodedRecord& a, const EncodedRecord& b) {
  return std::memcmp(a.data(), b.data(), kRecordBytes) < 0;
}

}  // namespace

// A sorted sequence of records: the committed file (after its header) or a spilled run,
// read through a 64 KiB buffer, refusing one out of order.
class SummaryStore::Run {
 public:
  Run(std::string path, std::uint64_t offset, std::uint64_t bytes, bool isNew)
      : path_(std::move(path)), left_(bytes), isNew_(isNew) {
    if (bytes % kRecordBytes != 0)
      throw Error(path_ +
                  ": not a whole number of summary records (the file was damaged); "
                  "restore it from a backup");
    if (bytes == 0) return;
    file_ = std::fopen(path_.c_str(), "rb");
    if (!file_ || std::fseek(file_, static_cast<long>(offset), SEEK_SET) != 0)
      throw Error(path_ + ": cannot read summary records: " + std::strerror(errno));
    buffer_.resize(kChunkRecords * kRecordBytes);
  }
  // In memory: the last buffer of added records, already sorted.
  explicit Run(std::vector<EncodedRecord> records)
      : memory_(std::move(records)), isNew_(true), inMemory_(true) {}
  ~Run() {
    if (file_) std::fclose(file_);
  }
  Run(const Run&) = delete;
  Run& operator=(const Run&) = delete;

  bool isNew() const { return isNew_; }
  const EncodedRecord& head() const { return head_; }
  // Moves to the next record; false at the end.
  bool advance() {
    if (inMemory_) {
      if (at_ == memory_.size()) return false;
      head_ = memory_[at_++];
      return true;
    }
    if (at_ == end_ && !refill()) return false;
    std::copy(buffer_.data() + at_, buffer_.data() + at_ + kRecordBytes, head_.begin());
    at_ += kRecordBytes;
    if (started_ && lessThan(head_, previous_))
      throw Error(path_ +
                  ": summary records out of order (the file was damaged); restore it "
                  "from a backup");
    previous_ = head_;
    started_ = true;
    return true;
  }

 private:
  bool refill() {
    if (left_ == 0) return false;
    const std::size_t want =
        static_cast<std::size_t>(std::min<std::uint64_t>(buffer_.size(), left_));
    if (std::fread(buffer_.data(), 1, want, file_) != want)
      throw Error(path_ + ": cannot read summary records: " +
                  (std::ferror(file_) ? std::strerror(errno) : "shorter than committed"));
    left_ -= want;
    at_ = 0;
    end_ = want;
    return true;
  }

  std::string path_;
  std::FILE* file_ = nullptr;
  std::uint64_t left_ = 0;
  std::vector<unsigned char> buffer_;
  std::vector<EncodedRecord> memory_;
  bool isNew_;
  bool inMemory_ = false;
  std::size_t at_ = 0;
  std::size_t end_ = 0;
  EncodedRecord head_{};
  EncodedRecord previous_{};
  bool started_ = false;
};

namespace {

// Writes the next generation through a 64 KiB buffer, header first.
class GenerationWriter {
 public:
  GenerationWriter(const std::string& path, bool lessons) : file_(path, true, Durability::Durable) {
    unsigned char header[kHeaderBytes] = {};
    std::memcpy(header, kMagic, sizeof kMagic);
    header[11] = lessons ? kLessonsFlag : 0;
    file_.write(header, sizeof header);
    buffer_.reserve(kChunkRecords * kRecordBytes);
  }
  void add(const EncodedRecord& record) {
    buffer_.insert(buffer_.end(), record.begin(), record.end());
    if (buffer_.size() >= kChunkRecords * kRecordBytes) flush();
  }
  std::uint64_t commit() {
    flush();
    file_.commit();
    return file_.bytesWritten();
  }

 private:
  void flush() {
    file_.write(buffer_.data(), buffer_.size());
    buffer_.clear();
  }
  AtomicFile file_;
  std::vector<unsigned char> buffer_;
};

// The pupil being gathered during the merge.
class PupilGroup {
 public:
  bool started() const { return started_; }
  bool samePerson(const EncodedRecord& record) const {
    return std::memcmp(record.data(), pupil_.person.data(), kPersonBytes) == 0;
  }
  void start(const EncodedRecord& record) {
    pupil_.person = personOf(record.data());
    pupil_.records.clear();
    pupil_.touched = {};
    pupil_.openEnded = false;
    hasNew_ = false;
    started_ = true;
  }
  void add(const EncodedRecord& bytes, bool isNew) {
    StoredRecord record = decodeRecord(bytes.data());
    pupil_.birthMonth = record.birthMonth;
    pupil_.male = record.male;
    if (isNew) {
      const Day first = record.day;
      Day last = record.day;
      if (record.kind == RecordKind::Enrolment) {
        if (record.last)
          last = *record.last;
        else
          pupil_.openEnded = true;
      }
      if (!hasNew_ || first < pupil_.touched.first) pupil_.touched.first = first;
      if (!hasNew_ || last > pupil_.touched.last) pupil_.touched.last = last;
      hasNew_ = true;
    }
    pupil_.records.push_back(std::move(record));
  }
  void finish(const SummaryStore::PupilSink& sink) {
    if (started_ && hasNew_) sink(pupil_);
  }

 private:
  PupilHistory pupil_;
  bool hasNew_ = false;
  bool started_ = false;
};

}  // namespace

SummaryStore::SummaryStore(std::string folder, long runId, StoreGeneration committed,
                           std::string spillDirectory, std::size_t capacity)
    : folder_(std::move(folder)),
      runId_(runId),
      committed_(committed),
      spillDirectory_(std::move(spillDirectory)),
      capacity_(std::max<std::size_t>(capacity, 1)) {
  const std::string current = committed_.generation > 0 ? fileOf(committed_.generation) : "";
  if (!current.empty()) {
    std::error_code ec;
    const auto size = fs::file_size(current, ec);
    if (ec || size != committed_.bytes || size < kHeaderBytes)
      throw Error(current + ": " + (ec ? "is missing" : "is not the size that was committed") +
                  "; absences already summarised could be counted again, so the job stops. "
                  "Restore the file from a backup.");
    std::FILE* file = std::fopen(current.c_str(), "rb");
    unsigned char header[kHeaderBytes] = {};
    const bool read = file && std::fread(header, 1, sizeof header, file) == sizeof header;
    if (file) std::fclose(file);
    if (!read || std::memcmp(header, kMagic, sizeof kMagic) != 0)
      throw Error(current + ": not a brobyg summary store file; restore it from a backup");
    committedLessons_ = (header[11] & kLessonsFlag) != 0;
  }
  // Files of other generations: written by a run that never committed, or replaced by a
  // commit whose retire() did not finish. None is ever read.
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder_, ec))
    if (entry.path().string() != current) fs::remove(entry.path(), ec);
}

SummaryStore::~SummaryStore() {
  std::error_code ec;
  for (const std::string& run : runs_) fs::remove(run, ec);
}

std::string SummaryStore::fileOf(long generation) const {
  return (fs::path(folder_) / (std::to_string(generation) + ".records")).string();
}

void SummaryStore::add(const StoredRecord& record) {
  if (merged_) throw Error("summary store: a record added after the merge");
  if (record.kind == RecordKind::Absence && record.unit == Unit::Lessons) addedLessons_ = true;
  buffer_.push_back(encodeRecord(record));
  ++added_;
  if (buffer_.size() >= capacity_) spill();
}

void SummaryStore::spill() {
  std::sort(buffer_.begin(), buffer_.end(), lessThan);
  createPrivateDirectory(spillDirectory_);
  const std::string path =
      (fs::path(spillDirectory_) / ("summary-run-" + std::to_string(runs_.size()))).string();
  OutputFile out(path);
  out.write(buffer_.data(), buffer_.size() * kRecordBytes);
  out.close(false);
  runs_.push_back(path);
  buffer_.clear();
}

void SummaryStore::merge(const PupilSink& pupil) {
  if (merged_) throw Error("summary store merged twice");
  merged_ = true;
  if (added_ == 0) return;

  std::vector<std::unique_ptr<Run>> runs;
  if (committed_.generation > 0)
    runs.push_back(std::make_unique<Run>(fileOf(committed_.generation), kHeaderBytes,
                                         committed_.bytes - kHeaderBytes, false));
  for (const std::string& path : runs_)
    runs.push_back(std::make_unique<Run>(path, 0, fs::file_size(path), true));
  std::sort(buffer_.begin(), buffer_.end(), lessThan);
  runs.push_back(std::make_unique<Run>(std::move(buffer_)));
  buffer_ = {};

  const bool newFolder = !fs::exists(folder_);
  createPrivateDirectory(folder_);
  // The folders just made must survive a power cut once a generation in them is committed.
  if (newFolder) {
    syncDirectory(fs::path(folder_).parent_path().string());
    syncDirectory(fs::path(folder_).parent_path().parent_path().string());
  }
  GenerationWriter next(fileOf(runId_), lessons());

  // A k-way merge by linear scan: the runs are few (one per 256 Ki records added).
  std::vector<Run*> live;
  for (auto& run : runs)
    if (run->advance()) live.push_back(run.get());
  PupilGroup group;
  std::optional<EncodedRecord> previous;
  while (!live.empty()) {
    std::size_t smallest = 0;
    for (std::size_t i = 1; i < live.size(); ++i)
      if (lessThan(live[i]->head(), live[smallest]->head())) smallest = i;
    const EncodedRecord record = live[smallest]->head();
    // Equal records (one delivered by two sources, or again after a crash) are one record,
    // new only when the committed file does not hold it.
    bool isNew = true;
    for (std::size_t i = 0; i < live.size();) {
      if (live[i]->head() != record) {
        ++i;
        continue;
      }
      if (!live[i]->isNew()) isNew = false;
      if (live[i]->advance()) {
        ++i;
      } else {
        live.erase(live.begin() + static_cast<std::ptrdiff_t>(i));
      }
    }
    if (previous == record) continue;  // repeated within this run's records
    previous = record;
    next.add(record);
    if (!group.started() || !group.samePerson(record)) {
      group.finish(pupil);
      group.start(record);
    }
    group.add(record, isNew);
  }
  group.finish(pupil);
  written_ = StoreGeneration{runId_, next.commit()};
}

void SummaryStore::retire() noexcept {
  std::error_code ec;
  if (written_ && committed_.generation > 0) fs::remove(fileOf(committed_.generation), ec);
}

void SummaryStore::discard() noexcept {
  std::error_code ec;
  if (written_) fs::remove(fileOf(written_->generation), ec);
}

}  // namespace brobyg::summary
