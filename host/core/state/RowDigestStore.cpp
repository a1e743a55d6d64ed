#include "state/RowDigestStore.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "util/AtomicFile.h"
#include "util/Error.h"
#include "util/FileSecurity.h"
#include "util/SafePath.h"

namespace brobyg::state {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kDigestBytes = 16;
constexpr std::size_t kChunkDigests = 4096;  // 64 KiB per read or write

std::string fileName(const std::string& dataset, long generation) {
  return dataset + "." + std::to_string(generation) + ".digests";
}

// Reads a committed file in ascending order, refusing one that is not.
class CommittedReader {
 public:
  CommittedReader(const std::string& path, std::uint64_t bytes) : path_(path), left_(bytes) {
    if (bytes == 0) return;
    file_ = std::fopen(path.c_str(), "rb");
    if (!file_) throw Error(path + ": cannot read row digests: " + std::strerror(errno));
  }
  ~CommittedReader() {
    if (file_) std::fclose(file_);
  }
  CommittedReader(const CommittedReader&) = delete;
  CommittedReader& operator=(const CommittedReader&) = delete;

  bool next(RowDigest& digest) {
    if (at_ == end_ && !refill()) return false;
    digest = loadDigest(buffer_ + at_);
    at_ += kDigestBytes;
    if (havePrevious_ && !(previous_ < digest))
      throw Error(path_ + ": the row digests are not in ascending order (the file was damaged); " +
                  "restore it from a backup");
    previous_ = digest;
    havePrevious_ = true;
    return true;
  }

 private:
  bool refill() {
    if (left_ == 0) return false;
    const std::size_t want = static_cast<std::size_t>(
        std::min<std::uint64_t>(sizeof(buffer_), left_));
    if (std::fread(buffer_, 1, want, file_) != want)
      throw Error(path_ + ": cannot read row digests: " +
                  (std::ferror(file_) ? std::strerror(errno) : "the file is shorter than committed"));
    left_ -= want;
    at_ = 0;
    end_ = want;
    return true;
  }
  std::string path_;
  std::FILE* file_ = nullptr;
  std::uint64_t left_;
  unsigned char buffer_[kChunkDigests * kDigestBytes];
  std::size_t at_ = 0;
  std::size_t end_ = 0;
  RowDigest previous_;
  bool havePrevious_ = false;
};

// Writes the next generation through a 64 KiB buffer.
class GenerationWriter {
 public:
  explicit GenerationWriter(const std::string& path) : file_(path, true, Durability::Durable) {}
  void add(const RowDigest& digest) {
    storeDigest(digest, buffer_ + used_);
    used_ += kDigestBytes;
    bytes_ += kDigestBytes;
    if (used_ == sizeof(buffer_)) flush();
  }
  std::uint64_t commit() {
    flush();
    file_.commit();
    return bytes_;
  }

 private:
  void flush() {
    file_.write(buffer_, used_);
    used_ = 0;
  }
  AtomicFile file_;
  unsigned char buffer_[kChunkDigests * kDigestBytes];
  std::size_t used_ = 0;
  std::uint64_t bytes_ = 0;
};

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
  return (fs::path(directory_) / job_).string();
}

RowDigestSpool& RowDigestStore::dataset(const std::string& name) {
  if (auto it = datasets_.find(name); it != datasets_.end()) return *it->second->spool;
  if (!isSafeId(name)) throw Error("row digests: the dataset id is not usable as a file name");
  auto d = std::make_unique<Dataset>();
  d->name = name;
  d->committed = store_.committedDigests(job_, name);
  const fs::path dir = folder();
  const std::string current = d->committed.generation > 0 ? fileName(name, d->committed.generation) : "";
  if (!current.empty()) {
    const std::string path = (dir / current).string();
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec || size != d->committed.bytes)
      throw Error(path + ": " + (ec ? "is missing" : "is not the size that was committed") +
                  "; rows already delivered could be delivered again, so the job stops. "
                  "Restore the file from a backup.");
  }
  // Files of other generations: written by a run that never committed, replaced by a commit
  // whose retire() did not finish, or of schema version 2. None is ever read.
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string file = entry.path().filename().string();
    if (file.rfind(name + ".", 0) == 0 && file != current) fs::remove(entry.path(), ec);
  }
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
  const bool newFolder = !fs::exists(dir);
  createPrivateDirectory(dir);
  // The folders createPrivateDirectory may just have made must survive a power cut once a
  // generation in them is committed.
  if (newFolder) {
    syncDirectory(directory_);
    syncDirectory(fs::path(directory_).parent_path().string());
  }
  CommittedReader committed(
      d.committed.generation > 0 ? (fs::path(dir) / fileName(name, d.committed.generation)).string()
                                 : std::string(),
      d.committed.bytes);
  const std::string nextPath = (fs::path(dir) / fileName(name, runId_)).string();
  GenerationWriter next(nextPath);
  Deduplication result = d.spool->resolve([&](RowDigest& digest) { return committed.next(digest); },
                                          [&](const RowDigest& digest) { next.add(digest); });
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
  std::error_code ec;
  for (const auto& [name, d] : datasets_)
    if (d->written && d->committed.generation > 0)
      fs::remove(fs::path(folder()) / fileName(name, d->committed.generation), ec);
}

void RowDigestStore::discard() noexcept {
  std::error_code ec;
  for (const auto& [name, d] : datasets_)
    if (d->written) fs::remove(fs::path(folder()) / fileName(name, d->written->generation), ec);
}

}  // namespace brobyg::state
