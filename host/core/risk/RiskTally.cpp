#include "risk/RiskTally.h"

#include <algorithm>
#include <cstring>
#include <functional>

#include "util/Error.h"
#include "util/Utf8Path.h"

namespace brobyg::risk {
namespace {

constexpr std::size_t kEntryBytes = 12;
constexpr std::size_t kRecordHeaderBytes = 12;  // a batch record's key length and person hash
constexpr std::size_t kBatchBytes = 256 * 1024;
constexpr std::size_t kBatches = 4;

struct Pair {
  std::uint32_t cls;
  std::uint64_t person;
  bool operator==(const Pair&) const = default;
};
struct PairHash {
  std::size_t operator()(const Pair& p) const {
    return std::hash<std::uint64_t>()(p.person ^ (std::uint64_t{p.cls} * 0x9e3779b97f4a7c15ull));
  }
};

// How many distinct values `values` holds (sorts it).
std::uint64_t distinct(std::vector<std::uint64_t>& values) {
  std::sort(values.begin(), values.end());
  return static_cast<std::uint64_t>(std::unique(values.begin(), values.end()) - values.begin());
}

// A set of distinct pairs in one flat table (open addressing, at most half full): 32 bytes a
// pair against about 56 in a node-based set, which held most of a national run's memory.
class PairSet {
 public:
  // Whether `p` was new.
  bool insert(const Pair& p) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    if (place(slots_, p)) {
      ++size_;
      return true;
    }
    return false;
  }
  std::size_t size() const { return size_; }
  template <typename F>
  void forEach(F&& f) const {
    for (const Slot& slot : slots_)
      if (slot.used) f(Pair{slot.cls, slot.person});
  }

 private:
  struct Slot {
    std::uint64_t person = 0;
    std::uint32_t cls = 0;
    bool used = false;
  };
  static bool place(std::vector<Slot>& slots, const Pair& p) {
    const std::size_t mask = slots.size() - 1;
    for (std::size_t i = PairHash()(p) & mask;; i = (i + 1) & mask) {
      Slot& slot = slots[i];
      if (!slot.used) {
        slot = {p.person, p.cls, true};
        return true;
      }
      if (slot.person == p.person && slot.cls == p.cls) return false;
    }
  }
  void grow() {
    std::vector<Slot> bigger(std::max<std::size_t>(slots_.size() * 2, 1024));
    for (const Slot& slot : slots_)
      if (slot.used) place(bigger, Pair{slot.cls, slot.person});
    slots_.swap(bigger);
  }
  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

// The kept rows' (class, person) pairs and records per class, read back from the spill.
struct Kept {
  std::vector<std::uint64_t> records;  // by class
  PairSet pairs;
  std::uint64_t rows = 0;
};

Kept readKept(const std::string& path, std::size_t classes, const std::vector<bool>& dropped) {
  Kept kept;
  kept.records.assign(classes, 0);
  std::FILE* in = openFileUtf8(path, "rb");
  if (in == nullptr) throw Error(path + ": cannot read the risk tally back");
  std::vector<char> buffer(kEntryBytes * 8192);
  std::uint64_t ordinal = 0;
  std::size_t n = 0;
  Pair last{};
  bool haveLast = false;
  while ((n = std::fread(buffer.data(), kEntryBytes, 8192, in)) > 0) {
    for (std::size_t i = 0; i < n; ++i, ++ordinal) {
      if (ordinal < dropped.size() && dropped[ordinal]) continue;
      Pair p{};
      std::memcpy(&p.cls, buffer.data() + i * kEntryBytes, 4);
      std::memcpy(&p.person, buffer.data() + i * kEntryBytes + 4, 8);
      ++kept.records.at(p.cls);
      ++kept.rows;
      // A person's rows come in runs: one set insert per run.
      if (!haveLast || !(p == last)) kept.pairs.insert(p);
      last = p;
      haveLast = true;
    }
  }
  const bool failed = std::ferror(in) != 0;
  std::fclose(in);
  if (failed) throw Error(path + ": cannot read the risk tally back");
  return kept;
}

}  // namespace

RiskTally::RiskTally(const dataset::DatasetSpec& spec, std::string spillPath)
    : spec_(spec), spillPath_(std::move(spillPath)) {
  for (const std::string& name : spec.quasiIdentifiers())
    columns_.push_back(static_cast<std::size_t>(spec.outputIndex(name)));
  person_ = static_cast<std::size_t>(spec.outputIndex("person"));
  spill_ = openFileUtf8(spillPath_, "wb");
  if (spill_ == nullptr) throw Error(spillPath_ + ": cannot write the risk tally");
  buffer_.reserve(kEntryBytes * 8192);
  batch_.bytes.reserve(kBatchBytes + 4096);
  worker_ =
      std::make_unique<BatchWorker<Batch>>(kBatches, [this](const Batch& batch) { absorb(batch); });
}

RiskTally::~RiskTally() {
  worker_.reset();  // joins the thread before the file it writes goes
  if (spill_ != nullptr) std::fclose(spill_);
}

void RiskTally::add(const std::string_view* columns) {
  if (columns[person_] != lastPerson_) {
    lastPerson_.assign(columns[person_]);
    lastPersonHash_ = std::hash<std::string_view>()(columns[person_]);
  }
  std::string& bytes = batch_.bytes;
  const std::size_t header = bytes.size();
  bytes.resize(header + kRecordHeaderBytes);
  for (std::size_t q : columns_) {
    bytes.append(columns[q]);
    bytes.push_back('\x1f');
  }
  const auto keyBytes = static_cast<std::uint32_t>(bytes.size() - header - kRecordHeaderBytes);
  std::memcpy(bytes.data() + header, &keyBytes, 4);
  std::memcpy(bytes.data() + header + 4, &lastPersonHash_, 8);
  if (bytes.size() >= kBatchBytes) worker_->exchange(batch_);
}

void RiskTally::absorb(const Batch& batch) {
  const char* at = batch.bytes.data();
  const char* const end = at + batch.bytes.size();
  while (at < end) {
    std::uint32_t keyBytes = 0;
    std::memcpy(&keyBytes, at, 4);
    const std::string_view key(at + kRecordHeaderBytes, keyBytes);
    if (!haveLast_ || key != lastKey_) {
      lastClass_ = classes_.intern(key);
      lastKey_.assign(key);
      haveLast_ = true;
    }
    const std::size_t entry = buffer_.size();
    buffer_.resize(entry + kEntryBytes);
    std::memcpy(buffer_.data() + entry, &lastClass_, 4);
    std::memcpy(buffer_.data() + entry + 4, at + 4, 8);  // the person's hash
    if (buffer_.size() >= kEntryBytes * 8192) flush();
    at += kRecordHeaderBytes + keyBytes;
  }
}

std::vector<std::string_view> RiskTally::valuesOf(std::size_t cls) const {
  std::vector<std::string_view> values;
  const std::string_view key = classes_.key(cls);
  for (std::size_t at = 0; at < key.size();) {
    const std::size_t end = key.find('\x1f', at);
    values.push_back(key.substr(at, end - at));
    at = end + 1;
  }
  return values;
}

void RiskTally::flush() {
  if (!buffer_.empty() && std::fwrite(buffer_.data(), buffer_.size(), 1, spill_) != 1)
    throw Error(spillPath_ + ": cannot write the risk tally");
  buffer_.clear();
}

void RiskTally::finish() {
  if (spill_ == nullptr) return;
  if (!batch_.bytes.empty()) worker_->exchange(batch_);
  worker_->finish();
  flush();
  const bool failed = std::fflush(spill_) != 0 || std::ferror(spill_) != 0;
  std::fclose(spill_);
  spill_ = nullptr;
  if (failed) throw Error(spillPath_ + ": cannot write the risk tally");
}

DatasetRisk RiskTally::measure(const std::vector<bool>& dropped, unsigned k,
                               const Generalisation& shipped) const {
  const Kept kept = readKept(spillPath_, classes_.size(), dropped);
  DatasetRisk risk;
  risk.dataset = spec_.name();
  risk.quasiIdentifiers = spec_.quasiIdentifiers();
  risk.records = kept.rows;
  std::vector<std::uint64_t> persons;
  persons.reserve(kept.pairs.size());
  kept.pairs.forEach([&](const Pair& p) { persons.push_back(p.person); });
  risk.persons = distinct(persons);

  const auto& names = risk.quasiIdentifiers;
  const bool hasBirthMonth = std::find(names.begin(), names.end(), "birth_month") != names.end();
  const bool hasSchool = std::find(names.begin(), names.end(), "school") != names.end();
  for (const Generalisation& g : furtherGeneralisations(shipped, hasBirthMonth, hasSchool)) {
    // Each kept class's coarser class under g.
    KeyTable coarse;
    std::vector<std::uint32_t> coarseOf(classes_.size(), 0);
    std::vector<std::uint64_t> records;
    for (std::size_t cls = 0; cls < classes_.size(); ++cls) {
      if (kept.records[cls] == 0) continue;
      std::string key;
      const std::vector<std::string_view> values = valuesOf(cls);
      for (std::size_t q = 0; q < names.size(); ++q) {
        key.append(generalised(g, names[q], values[q]));
        key.push_back('\x1f');
      }
      coarseOf[cls] = coarse.intern(key);
      if (coarseOf[cls] == records.size()) records.push_back(0);
      records[coarseOf[cls]] += kept.records[cls];
    }
    std::vector<std::uint64_t> classPersons(records.size(), 0);
    PairSet coarsePairs;
    kept.pairs.forEach([&](const Pair& p) {
      if (coarsePairs.insert(Pair{coarseOf[p.cls], p.person})) ++classPersons[coarseOf[p.cls]];
    });

    ClassFigures f;
    f.generalisation = g;
    f.classes = records.size();
    for (std::size_t c = 0; c < records.size(); ++c) {
      if (f.smallestClass == 0 || classPersons[c] < f.smallestClass)
        f.smallestClass = classPersons[c];
      if (classPersons[c] < k) f.recordsBelowK += records[c];
    }
    std::vector<std::uint64_t> exposed;
    coarsePairs.forEach([&](const Pair& p) {
      if (classPersons[p.cls] < k) exposed.push_back(p.person);
    });
    f.personsBelowK = distinct(exposed);
    risk.figures.push_back(f);
  }
  return risk;
}

}  // namespace brobyg::risk
