#include "risk/RiskTally.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <unordered_map>
#include <unordered_set>

#include "util/Error.h"

namespace brobyg::risk {
namespace {

constexpr std::size_t kEntryBytes = 12;

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

// The kept rows' (class, person) pairs and records per class, read back from the spill.
struct Kept {
  std::vector<std::uint64_t> records;  // by class
  std::unordered_set<Pair, PairHash> pairs;
  std::uint64_t rows = 0;
};

Kept readKept(const std::string& path, std::size_t classes, const std::vector<bool>& dropped) {
  Kept kept;
  kept.records.assign(classes, 0);
  std::FILE* in = std::fopen(path.c_str(), "rb");
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
  spill_ = std::fopen(spillPath_.c_str(), "wb");
  if (spill_ == nullptr) throw Error(spillPath_ + ": cannot write the risk tally");
  buffer_.reserve(kEntryBytes * 8192);
}

RiskTally::~RiskTally() {
  if (spill_ != nullptr) std::fclose(spill_);
}

void RiskTally::add(const std::string_view* columns) {
  // A person's rows come together and mostly share a class: compare with the last row's
  // values before building a key and looking it up.
  bool same = haveLast_;
  for (std::size_t q = 0; same && q < columns_.size(); ++q)
    same = columns[columns_[q]] == lastValues_[q];
  if (!same) {
    key_.clear();
    lastValues_.resize(columns_.size());
    for (std::size_t q = 0; q < columns_.size(); ++q) {
      key_.append(columns[columns_[q]]);
      key_.push_back('\x1f');
      lastValues_[q].assign(columns[columns_[q]]);
    }
    lastClass_ = classOf(key_);
    haveLast_ = true;
  }
  if (columns[person_] != lastPerson_) {
    lastPerson_.assign(columns[person_]);
    lastPersonHash_ = std::hash<std::string_view>()(columns[person_]);
  }
  const std::size_t at = buffer_.size();
  buffer_.resize(at + kEntryBytes);
  std::memcpy(buffer_.data() + at, &lastClass_, 4);
  std::memcpy(buffer_.data() + at + 4, &lastPersonHash_, 8);
  if (buffer_.size() >= kEntryBytes * 8192) flush();
}

// The class of `key` (its values, each followed by 0x1f), added when new; lastValues_ holds
// the same values apart.
std::uint32_t RiskTally::classOf(const std::string& key) {
  if (slots_.empty()) slots_.resize(1024);
  const std::uint64_t hash = std::hash<std::string_view>()(key);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (!slot.used) break;
    if (slot.hash != hash) continue;
    const std::size_t begin = slot.cls == 0 ? 0 : keyEnds_[slot.cls - 1];
    if (std::string_view(keys_).substr(begin, keyEnds_[slot.cls] - begin) == key) return slot.cls;
  }
  const auto cls = static_cast<std::uint32_t>(classValues_.size());
  classValues_.push_back(lastValues_);
  keys_.append(key);
  keyEnds_.push_back(keys_.size());
  // At most half full, so that a probe ends soon.
  if ((classValues_.size()) * 2 > slots_.size()) grow();
  for (std::size_t i = hash & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1))
    if (!slots_[i].used) {
      slots_[i] = {hash, cls, true};
      break;
    }
  return cls;
}

void RiskTally::grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& slot : old)
    if (slot.used)
      for (std::size_t i = slot.hash & mask;; i = (i + 1) & mask)
        if (!slots_[i].used) {
          slots_[i] = slot;
          break;
        }
}

void RiskTally::flush() {
  if (!buffer_.empty() && std::fwrite(buffer_.data(), buffer_.size(), 1, spill_) != 1)
    throw Error(spillPath_ + ": cannot write the risk tally");
  buffer_.clear();
}

void RiskTally::finish() {
  if (spill_ == nullptr) return;
  flush();
  const bool failed = std::fflush(spill_) != 0 || std::ferror(spill_) != 0;
  std::fclose(spill_);
  spill_ = nullptr;
  if (failed) throw Error(spillPath_ + ": cannot write the risk tally");
}

DatasetRisk RiskTally::measure(const std::vector<bool>& dropped, unsigned k,
                               const Generalisation& shipped) const {
  const Kept kept = readKept(spillPath_, classValues_.size(), dropped);
  DatasetRisk risk;
  risk.dataset = spec_.name();
  risk.quasiIdentifiers = spec_.quasiIdentifiers();
  risk.records = kept.rows;
  std::unordered_set<std::uint64_t> persons;
  for (const Pair& p : kept.pairs) persons.insert(p.person);
  risk.persons = persons.size();

  const auto& names = risk.quasiIdentifiers;
  const bool hasBirthMonth = std::find(names.begin(), names.end(), "birth_month") != names.end();
  const bool hasSchool = std::find(names.begin(), names.end(), "school") != names.end();
  for (const Generalisation& g : furtherGeneralisations(shipped, hasBirthMonth, hasSchool)) {
    // Each kept class's coarser class under g.
    std::unordered_map<std::string, std::uint32_t> coarseIndex;  // once per class, not per row
    std::vector<std::uint32_t> coarseOf(classValues_.size(), 0);
    std::vector<std::uint64_t> records;
    for (std::size_t cls = 0; cls < classValues_.size(); ++cls) {
      if (kept.records[cls] == 0) continue;
      std::string key;
      for (std::size_t q = 0; q < names.size(); ++q) {
        key.append(generalised(g, names[q], classValues_[cls][q]));
        key.push_back('\x1f');
      }
      auto [it, added] = coarseIndex.try_emplace(key, static_cast<std::uint32_t>(records.size()));
      if (added) records.push_back(0);
      coarseOf[cls] = it->second;
      records[it->second] += kept.records[cls];
    }
    std::vector<std::uint64_t> classPersons(records.size(), 0);
    std::unordered_set<Pair, PairHash> coarsePairs;
    for (const Pair& p : kept.pairs)
      if (coarsePairs.insert(Pair{coarseOf[p.cls], p.person}).second)
        ++classPersons[coarseOf[p.cls]];

    ClassFigures f;
    f.generalisation = g;
    f.classes = records.size();
    for (std::size_t c = 0; c < records.size(); ++c) {
      if (f.smallestClass == 0 || classPersons[c] < f.smallestClass)
        f.smallestClass = classPersons[c];
      if (classPersons[c] < k) f.recordsBelowK += records[c];
    }
    std::unordered_set<std::uint64_t> exposed;
    for (const Pair& p : coarsePairs)
      if (classPersons[p.cls] < k) exposed.insert(p.person);
    f.personsBelowK = exposed.size();
    risk.figures.push_back(f);
  }
  return risk;
}

}  // namespace brobyg::risk
