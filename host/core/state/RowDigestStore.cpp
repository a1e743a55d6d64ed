#include "state/RowDigestStore.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "util/AtomicFile.h"
#include "util/Error.h"
#include "util/FileSecurity.h"

namespace brobyg::state {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kDigestBytes = 16;
constexpr std::size_t kChunkDigests = 4096;  // 64 KiB per read or write

std::string systemError(const std::string& path, const char* what) {
  return path + ": " + what + ": " + std::strerror(errno);
}

// Ids become file names: refuse anything that could leave the folder.
void requireFileName(const std::string& name, const char* what) {
  if (name.empty() || name[0] == '.' || name.find('/') != std::string::npos ||
      name.find('\0') != std::string::npos)
    throw Error(std::string("row digests: the ") + what + " id is not usable as a file name");
}

void writeAll(int fd, const unsigned char* data, std::size_t size, std::uint64_t offset,
              const std::string& path) {
  while (size > 0) {
    ssize_t n = ::pwrite(fd, data, size, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = ENOSPC;
      throw Error(systemError(path, "cannot write row digests"));
    }
    data += n;
    size -= static_cast<std::size_t>(n);
    offset += static_cast<std::uint64_t>(n);
  }
}

}  // namespace

struct RowDigestStore::Dataset {
  std::string path;
  int fd = -1;
  std::uint64_t committed = 0;  // bytes, as the database says
  std::uint64_t prepared = 0;   // bytes durable on disk after prepare()
  RowDigestSet set;
  ~Dataset() {
    if (fd >= 0) ::close(fd);
  }
};

RowDigestStore::RowDigestStore(StateStore& store, std::string directory, std::string job)
    : store_(store), directory_(std::move(directory)), job_(std::move(job)) {
  requireFileName(job_, "job");
}

RowDigestStore::~RowDigestStore() = default;

RowDigestSet& RowDigestStore::dataset(const std::string& name) {
  if (auto it = datasets_.find(name); it != datasets_.end()) return it->second->set;
  requireFileName(name, "dataset");
  auto d = std::make_unique<Dataset>();
  const fs::path folder = fs::path(directory_) / job_;
  d->path = (folder / (name + ".digests")).string();
  d->committed = store_.committedDigestLength(job_, name);
  if (d->committed % kDigestBytes != 0)
    throw Error(d->path + ": the committed length of the row digests is not a multiple of 16");
  createPrivateDirectory(folder.string());
  std::error_code ec;
  const bool existed = fs::exists(d->path, ec);
  d->fd = ::open(d->path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (d->fd < 0) throw Error(systemError(d->path, "cannot open row digests"));
  // A new file's name, and the folders createPrivateDirectory may just have made, must
  // survive a power cut once its length is committed.
  if (!existed) {
    syncDirectory(folder.string());
    syncDirectory(directory_);
    syncDirectory(fs::path(directory_).parent_path().string());
  }
  struct stat st {};
  if (::fstat(d->fd, &st) != 0) throw Error(systemError(d->path, "cannot read row digests"));
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size < d->committed)
    throw Error(d->path +
                ": holds fewer row digests than were committed (the file was cut or "
                "replaced); rows already delivered could be delivered again, so the "
                "job stops. Restore the file from a backup.");
  // Digests appended by a run that never committed: forgotten, its rows are read again.
  if (size > d->committed &&
      (::ftruncate(d->fd, static_cast<off_t>(d->committed)) != 0 || ::fsync(d->fd) != 0))
    throw Error(systemError(d->path, "cannot cut uncommitted row digests"));
  d->set.reserve(static_cast<std::size_t>(d->committed / kDigestBytes));
  unsigned char buffer[kChunkDigests * kDigestBytes];
  for (std::uint64_t offset = 0; offset < d->committed;) {
    std::size_t want =
        static_cast<std::size_t>(std::min<std::uint64_t>(sizeof(buffer), d->committed - offset));
    ssize_t n = ::pread(d->fd, buffer, want, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0 || static_cast<std::size_t>(n) % kDigestBytes != 0) {
      if (n == 0) errno = EIO;
      throw Error(systemError(d->path, "cannot read row digests"));
    }
    for (ssize_t i = 0; i < n; i += kDigestBytes) d->set.load(loadDigest(buffer + i));
    offset += static_cast<std::uint64_t>(n);
  }
  d->prepared = d->committed;
  RowDigestSet& set = d->set;
  datasets_.emplace(name, std::move(d));
  return set;
}

void RowDigestStore::prepare() {
  unsigned char buffer[kChunkDigests * kDigestBytes];
  for (auto& [name, d] : datasets_) {
    const std::vector<RowDigest>& added = d->set.added();
    if (added.empty()) continue;
    std::uint64_t offset = d->prepared;
    for (std::size_t i = 0; i < added.size();) {
      std::size_t n = std::min(kChunkDigests, added.size() - i);
      for (std::size_t k = 0; k < n; ++k) storeDigest(added[i + k], buffer + k * kDigestBytes);
      writeAll(d->fd, buffer, n * kDigestBytes, offset, d->path);
      offset += n * kDigestBytes;
      i += n;
    }
    if (::fsync(d->fd) != 0) throw Error(systemError(d->path, "cannot sync row digests"));
    d->prepared = offset;
    d->set.clearAdded();
  }
}

std::vector<DigestLength> RowDigestStore::lengths() const {
  std::vector<DigestLength> result;
  for (const auto& [name, d] : datasets_) {
    // Committing without them would deliver rows whose digests exist nowhere.
    if (!d->set.added().empty())
      throw Error(d->path + ": row digests not prepared before the commit");
    result.push_back({name, d->prepared});
  }
  return result;
}

void RowDigestStore::discard() {
  for (auto& [name, d] : datasets_) {
    if (d->prepared != d->committed && ::ftruncate(d->fd, static_cast<off_t>(d->committed)) != 0) {
      // The next start cuts the file anyway; nothing uncommitted is ever read.
      continue;
    }
    d->prepared = d->committed;
  }
}

std::uint64_t RowDigestStore::duplicates() const {
  std::uint64_t total = 0;
  for (const auto& [name, d] : datasets_) total += d->set.duplicates();
  return total;
}

}  // namespace brobyg::state
