#include "state/GenerationFile.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "util/Error.h"
#include "util/FileSecurity.h"
#include "util/Utf8Path.h"

namespace brobyg::state {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kChunkBytes = 64 * 1024;

// The largest whole number of records in 64 KiB (at least one).
std::size_t chunkOf(std::size_t recordSize) {
  return std::max<std::size_t>(kChunkBytes / recordSize, 1) * recordSize;
}

}  // namespace

void checkCommitted(const std::string& path, std::uint64_t bytes, std::string_view risk) {
  std::error_code ec;
  const auto size = fs::file_size(pathFromUtf8(path), ec);
  if (ec || size != bytes)
    throw Error(path + ": " + (ec ? "is missing" : "is not the size that was committed") + "; " +
                std::string(risk) + ", so the job stops. Restore the file from a backup.");
}

void removeOtherGenerations(const std::string& folder, std::string_view prefix,
                            std::string_view keep) noexcept {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(pathFromUtf8(folder), ec)) {
    const std::string file = entry.path().filename().string();
    if (file.rfind(prefix, 0) == 0 && file != keep) fs::remove(entry.path(), ec);
  }
}

void ensureDurableFolder(const std::string& folder) {
  const bool newFolder = !fs::exists(pathFromUtf8(folder));
  createPrivateDirectory(folder);
  if (newFolder) {
    const fs::path parent = pathFromUtf8(folder).parent_path();
    syncDirectory(parent.string());
    syncDirectory(parent.parent_path().string());
  }
}

void removeGeneration(const std::string& path) noexcept {
  std::error_code ec;
  fs::remove(pathFromUtf8(path), ec);
}

RecordFileReader::RecordFileReader(std::string path, std::uint64_t offset, std::uint64_t bytes,
                                   std::size_t recordSize, RecordOrder order, std::string what)
    : path_(std::move(path)),
      what_(std::move(what)),
      recordSize_(std::max<std::size_t>(recordSize, 1)),
      order_(order),
      left_(bytes) {
  if (bytes % recordSize_ != 0)
    throw Error(path_ + ": not a whole number of " + what_ +
                " (the file was damaged); restore it from a backup");
  if (bytes == 0) return;
  file_ = openFileUtf8(path_, "rb");
  if (!file_ || std::fseek(file_, static_cast<long>(offset), SEEK_SET) != 0)
    throw Error(path_ + ": cannot read " + what_ + ": " + std::strerror(errno));
  buffer_.resize(chunkOf(recordSize_));
}

RecordFileReader::~RecordFileReader() {
  if (file_) std::fclose(file_);
}

const unsigned char* RecordFileReader::next() {
  if (at_ == end_ && !refill()) return nullptr;
  const unsigned char* record = buffer_.data() + at_;
  at_ += recordSize_;
  if (order_ != RecordOrder::Any) {
    if (previous_ != nullptr) {
      const int c = std::memcmp(previous_, record, recordSize_);
      if (c > 0 || (c == 0 && order_ == RecordOrder::StrictlyAscending))
        throw Error(path_ + ": the " + what_ +
                    " are not in ascending order (the file was damaged); restore it from a "
                    "backup");
    }
    previous_ = record;
  }
  return record;
}

bool RecordFileReader::refill() {
  if (left_ == 0) return false;
  // The buffer is overwritten: the record compared next keeps a copy of its own.
  if (previous_ != nullptr) {
    previousCopy_.assign(previous_, previous_ + recordSize_);
    previous_ = previousCopy_.data();
  }
  const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(buffer_.size(), left_));
  if (std::fread(buffer_.data(), 1, want, file_) != want)
    throw Error(path_ + ": cannot read " + what_ + ": " +
                (std::ferror(file_) ? std::strerror(errno) : "the file is shorter than committed"));
  left_ -= want;
  at_ = 0;
  end_ = want;
  return true;
}

RecordFileWriter::RecordFileWriter(const std::string& path, std::size_t recordSize,
                                   std::string_view header)
    : file_(path, true, Durability::Durable), recordSize_(recordSize), chunk_(chunkOf(recordSize)) {
  if (!header.empty()) file_.write(header);
  buffer_.reserve(chunk_);
}

void RecordFileWriter::add(const unsigned char* record) {
  buffer_.insert(buffer_.end(), record, record + recordSize_);
  if (buffer_.size() >= chunk_) flush();
}

std::uint64_t RecordFileWriter::commit() {
  flush();
  file_.commit();
  return file_.bytesWritten();
}

void RecordFileWriter::flush() {
  file_.write(buffer_.data(), buffer_.size());
  buffer_.clear();
}

}  // namespace brobyg::state
