#include "state/RowDigestStore.h"

#include <optional>

#include "state/GenerationFile.h"
#include "util/Error.h"
#include "util/SafePath.h"
#include "util/Utf8Path.h"

namespace brobyg::state {


namespace {

constexpr std::size_t kDigestBytes = 16;

std::string fileName(const std::string& dataset, long generation) {
  return dataset + "." + std::to_string(generation) + ".digests";
}

}  // namespace

struct RowDigestStore::Dataset {
  std::string name;
  DigestGeneration committed;
  std::unique_ptr<RowDigestSpool> spool;
  bool resolved = false;
  std::optional<DigestGeneration> written;  // the next generation, once durable
};

RowDigestStore::RowDigestStore(StateStore& store, std::string directory, std::string job,
                               long runId, const RowDigestKey& key, std::string spillDirectory)
    : store_(store),
      directory_(std::move(directory)),
      job_(std::move(job)),
      runId_(runId),
      key_(key),
      spillDirectory_(std::move(spillDirectory)) {
  if (!isSafeId(job_)) throw Error("row digests: the job id is not usable as a file name");
}

RowDigestStore::~RowDigestStore() = default;

std::string RowDigestStore::folder() const {
  return joinUtf8(directory_, job_);
}

RowDigestSpool& RowDigestStore::dataset(const std::string& name) {
  if (auto it = datasets_.find(name); it != datasets_.end()) return *it->second->spool;
  if (!isSafeId(name)) throw Error("row digests: the dataset id is not usable as a file name");
  auto d = std::make_unique<Dataset>();
  d->name = name;
  d->committed = store_.committedDigests(job_, name);
  const std::string dir = folder();
  const std::string current =
      d->committed.generation > 0 ? fileName(name, d->committed.generation) : "";
  if (!current.empty())
    checkCommitted(joinUtf8(dir, current), d->committed.bytes,
                   "rows already delivered could be delivered again");
  // Files of other generations: written by a run that never committed, replaced by a commit
  // whose retire() did not finish, or of schema version 2. None is ever read.
  removeOtherGenerations(dir, name + ".", current);
  d->spool = std::make_unique<RowDigestSpool>(key_, spillDirectory_, name);
  RowDigestSpool& spool = *d->spool;
  datasets_.emplace(name, std::move(d));
  return spool;
}

Deduplication RowDigestStore::resolve(const std::string& name) {
  auto it = datasets_.find(name);
  if (it == datasets_.end()) return {};
  Dataset& d = *it->second;
  if (d.resolved) throw Error("row digests of " + name + " resolved twice");
  d.resolved = true;
  const std::string dir = folder();
  ensureDurableFolder(dir);
  std::optional<RecordFileReader> committed;
  if (d.committed.generation > 0)
    committed.emplace(joinUtf8(dir, fileName(name, d.committed.generation)), 0, d.committed.bytes,
                      kDigestBytes, RecordOrder::StrictlyAscending, "row digests");
  const std::string nextPath = joinUtf8(dir, fileName(name, runId_));
  RecordFileWriter next(nextPath, kDigestBytes);
  auto readCommitted = [&](RowDigest& digest) {
    const unsigned char* record = committed ? committed->next() : nullptr;
    if (record != nullptr) digest = loadDigest(record);
    return record != nullptr;
  };
  auto writeNext = [&](const RowDigest& digest) {
    unsigned char record[kDigestBytes];
    storeDigest(digest, record);
    next.add(record);
  };
  Deduplication result = d.spool->resolve(readCommitted, writeNext);
  if (result.rows > result.duplicates) d.written = DigestGeneration{name, runId_, next.commit()};
  return result;
}

std::vector<DigestGeneration> RowDigestStore::generations() const {
  std::vector<DigestGeneration> result;
  for (const auto& [name, d] : datasets_) {
    // Committing without them would deliver rows whose digests exist nowhere.
    if (!d->resolved && d->spool->rows() > 0)
      throw Error("row digests of " + name + " not resolved before the commit");
    if (d->written) result.push_back(*d->written);
  }
  return result;
}

void RowDigestStore::retire() noexcept {
  for (const auto& [name, d] : datasets_)
    if (d->written && d->committed.generation > 0)
      removeGeneration(joinUtf8(folder(), fileName(name, d->committed.generation)));
}

void RowDigestStore::discard() noexcept {
  for (const auto& [name, d] : datasets_)
    if (d->written) removeGeneration(joinUtf8(folder(), fileName(name, d->written->generation)));
}

}  // namespace brobyg::state
