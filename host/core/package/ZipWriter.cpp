#include "package/ZipWriter.h"

#include <cstdio>
#include <cstring>
#include <filesystem>

#include "package/BlockDeflater.h"
#include "package/SourceDigest.h"
#include "package/ZipFormat.h"
#include "util/AtomicFile.h"
#include "util/Error.h"
#include "util/Utf8Path.h"

namespace brobyg::package {
using namespace zip;

namespace {
constexpr std::size_t kBufferSize = 256 * 1024;
constexpr std::uint32_t kUnixRegularFile0644 = 0100644u << 16;
constexpr std::uint16_t kMadeByUnix = (3u << 8) | kVersionZip64;
}  // namespace

namespace detail {

// Where an entry's bytes come from.
class EntrySource {
 public:
  virtual ~EntrySource() = default;
  virtual std::size_t read(char* buffer, std::size_t size) = 0;  // 0 at the end
  virtual std::uint64_t expectedSize() const = 0;
};

}  // namespace detail

namespace {

class FileSource : public detail::EntrySource {
 public:
  explicit FileSource(const std::string& path) : path_(path) {
    file_ = openFileUtf8(path, "rb");
    if (file_ == nullptr) throw Error(path + ": cannot open for reading: " + std::strerror(errno));
    std::error_code ec;
    size_ = std::filesystem::file_size(pathFromUtf8(path), ec);
    if (ec) throw Error(path + ": cannot get size: " + ec.message());
  }
  ~FileSource() override { std::fclose(file_); }
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  std::size_t read(char* buffer, std::size_t size) override {
    std::size_t n = std::fread(buffer, 1, size, file_);
    if (n < size && std::ferror(file_)) throw Error(path_ + ": read error");
    return n;
  }
  std::uint64_t expectedSize() const override { return size_; }

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
  std::uint64_t size_ = 0;
};

class BytesSource : public detail::EntrySource {
 public:
  explicit BytesSource(std::string_view data) : data_(data) {}
  std::size_t read(char* buffer, std::size_t size) override {
    std::size_t n = std::min(size, data_.size() - pos_);
    std::memcpy(buffer, data_.data() + pos_, n);
    pos_ += n;
    return n;
  }
  std::uint64_t expectedSize() const override { return data_.size(); }

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
};

std::string zip64Field(const std::vector<std::uint64_t>& values) {
  std::string extra;
  put16(extra, kZip64ExtraId);
  put16(extra, static_cast<std::uint16_t>(values.size() * 8));
  for (std::uint64_t v : values) put64(extra, v);
  return extra;
}

}  // namespace

ZipWriter::ZipWriter(OutputFile& out, ZipWriterOptions options) : out_(out), options_(options) {}

ZipWriter::~ZipWriter() = default;

ZipEntryDigest ZipWriter::addFile(const std::string& entryName, const std::string& sourcePath,
                                  int level) {
  FileSource source(sourcePath);
  return addEntry(entryName, source, level);
}

ZipEntryDigest ZipWriter::addBytes(const std::string& entryName, std::string_view data, int level) {
  BytesSource source(data);
  return addEntry(entryName, source, level);
}

ZipWriter::Entry ZipWriter::beginEntry(const std::string& entryName, int level,
                                       std::uint64_t expected) {
  if (finished_) throw Error("zip: entry " + entryName + " added after finish()");
  if (!isSafeEntryName(entryName)) throw Error("zip: unsafe entry name '" + entryName + "'");
  if (level < 0 || level > 9) throw Error("zip: compression level must be 0-9");
  if (!names_.insert(entryName).second) throw Error("zip: duplicate entry " + entryName);

  Entry entry;
  entry.name = entryName;
  entry.method = level == 0 ? kMethodStore : kMethodDeflate;
  entry.offset = out_.bytesWritten();
  // Decided before the data, because the local header is written first: deflate can grow
  // incompressible data a little, so use zlib's bound.
  std::uint64_t bound = level == 0 ? expected : expected + (expected >> 10) + 1024;
  entry.zip64Local = options_.forceZip64 || bound >= kMax32;
  writeLocalHeader(entry);
  return entry;
}

ZipEntryDigest ZipWriter::addEntry(const std::string& entryName, detail::EntrySource& input,
                                   int level) {
  Entry entry = beginEntry(entryName, level, input.expectedSize());
  BlockDeflater* deflater = nullptr;
  if (level != 0) {
    if (!deflater_ || deflater_->level() != level)
      deflater_ = std::make_unique<BlockDeflater>(level, options_.threads);
    deflater = deflater_.get();
  }

  // With threads, the SHA-256 and CRC-32 of the source bytes run beside deflate and write.
  SourceDigest source(kBufferSize, options_.threads > 1);
  std::uint64_t compressed = 0;
  auto emit = [&](const char* data, std::size_t n) {
    out_.write(data, n);
    compressed += n;
  };
  try {
    for (;;) {
      const std::size_t n = input.read(source.buffer(), source.bufferSize());
      if (deflater == nullptr) {
        if (n == 0) break;
        emit(source.buffer(), n);
      } else if (n == 0) {
        deflater->finish(emit);
        break;
      } else {
        deflater->write(source.buffer(), n, emit);
      }
      source.take(n);
    }
    source.finish();
  } catch (...) {
    deflater_.reset();  // blocks of this entry may still be in flight: the next starts clean
    throw;
  }
  entry.digest.size = source.size();
  entry.digest.compressedSize = compressed;
  entry.digest.crc32 = source.crc32();
  entry.digest.sha256 = source.sha256Hex();
  endEntry(entry);
  return entry.digest;
}

void ZipWriter::addDeflated(const std::string& entryName, const std::string& streamPath,
                            const ZipEntryDigest& digest, int level) {
  if (level < 1 || level > 9) throw Error("zip: " + entryName + " was deflated at level 0");
  FileSource stream(streamPath);
  Entry entry = beginEntry(entryName, level, digest.size);
  std::vector<char> buffer(kBufferSize);
  std::uint64_t copied = 0;
  while (const std::size_t n = stream.read(buffer.data(), buffer.size())) {
    out_.write(buffer.data(), n);
    copied += n;
  }
  if (copied != digest.compressedSize)
    throw Error("zip: " + streamPath + " holds " + std::to_string(copied) + " bytes, not the " +
                std::to_string(digest.compressedSize) + " deflated");
  entry.digest = digest;
  endEntry(entry);
}

void ZipWriter::endEntry(const Entry& entry) {
  const ZipEntryDigest& d = entry.digest;
  if (!entry.zip64Local && (d.size >= kMax32 || d.compressedSize >= kMax32))
    throw Error("zip: " + entry.name + " grew beyond 4 GiB while being written");
  std::string descriptor;
  put32(descriptor, kDataDescriptorSig);
  put32(descriptor, d.crc32);
  if (entry.zip64Local) {
    put64(descriptor, d.compressedSize);
    put64(descriptor, d.size);
  } else {
    put32(descriptor, static_cast<std::uint32_t>(d.compressedSize));
    put32(descriptor, static_cast<std::uint32_t>(d.size));
  }
  out_.write(descriptor);
  entries_.push_back(entry);
}

void ZipWriter::writeLocalHeader(const Entry& entry) {
  DosTime t = toDosTime(options_.timestamp);
  // With a data descriptor the local CRC and sizes are zero; a ZIP64 field (sizes zero too)
  // tells readers that the descriptor carries 8-byte sizes.
  std::string extra = entry.zip64Local ? zip64Field({0, 0}) : std::string();
  std::string h;
  put32(h, kLocalHeaderSig);
  put16(h, entry.zip64Local ? kVersionZip64 : kVersionDeflate);
  put16(h, kFlagDataDescriptor | kFlagUtf8);
  put16(h, entry.method);
  put16(h, t.time);
  put16(h, t.date);
  put32(h, 0);
  put32(h, entry.zip64Local ? kMax32 : 0);
  put32(h, entry.zip64Local ? kMax32 : 0);
  put16(h, static_cast<std::uint16_t>(entry.name.size()));
  put16(h, static_cast<std::uint16_t>(extra.size()));
  h += entry.name;
  h += extra;
  out_.write(h);
}

void ZipWriter::appendCentralHeader(std::string& h, const Entry& entry) const {
  const bool force = options_.forceZip64;
  const ZipEntryDigest& d = entry.digest;
  std::vector<std::uint64_t> wide;  // order fixed by APPNOTE 4.5.3
  bool wideSize = force || d.size >= kMax32;
  bool wideCompressed = force || d.compressedSize >= kMax32;
  bool wideOffset = force || entry.offset >= kMax32;
  if (wideSize) wide.push_back(d.size);
  if (wideCompressed) wide.push_back(d.compressedSize);
  if (wideOffset) wide.push_back(entry.offset);
  std::string extra = wide.empty() ? std::string() : zip64Field(wide);
  bool zip64 = !wide.empty() || entry.zip64Local;

  DosTime t = toDosTime(options_.timestamp);
  put32(h, kCentralHeaderSig);
  put16(h, kMadeByUnix);
  put16(h, zip64 ? kVersionZip64 : kVersionDeflate);
  put16(h, kFlagDataDescriptor | kFlagUtf8);
  put16(h, entry.method);
  put16(h, t.time);
  put16(h, t.date);
  put32(h, d.crc32);
  put32(h, wideCompressed ? kMax32 : static_cast<std::uint32_t>(d.compressedSize));
  put32(h, wideSize ? kMax32 : static_cast<std::uint32_t>(d.size));
  put16(h, static_cast<std::uint16_t>(entry.name.size()));
  put16(h, static_cast<std::uint16_t>(extra.size()));
  put16(h, 0);  // comment length
  put16(h, 0);  // disk number start
  put16(h, 0);  // internal attributes
  put32(h, kUnixRegularFile0644);
  put32(h, wideOffset ? kMax32 : static_cast<std::uint32_t>(entry.offset));
  h += entry.name;
  h += extra;
}

void ZipWriter::finish() {
  if (finished_) return;
  std::uint64_t cdOffset = out_.bytesWritten();
  std::string chunk;
  for (const Entry& entry : entries_) {
    appendCentralHeader(chunk, entry);
    if (chunk.size() >= kBufferSize) {
      out_.write(chunk);
      chunk.clear();
    }
  }
  out_.write(chunk);
  writeEnd(cdOffset, out_.bytesWritten() - cdOffset);
  finished_ = true;
}

void ZipWriter::writeEnd(std::uint64_t cdOffset, std::uint64_t cdSize) {
  const std::uint64_t count = entries_.size();
  const bool zip64 =
      options_.forceZip64 || count >= kMax16 || cdOffset >= kMax32 || cdSize >= kMax32;
  std::string e;
  if (zip64) {
    std::uint64_t zip64EndOffset = out_.bytesWritten();
    put32(e, kZip64EndOfCentralDirSig);
    put64(e, kZip64EndOfCentralDirSize - 12);  // size of the rest of this record
    put16(e, kMadeByUnix);
    put16(e, kVersionZip64);
    put32(e, 0);  // this disk
    put32(e, 0);  // disk with the central directory
    put64(e, count);
    put64(e, count);
    put64(e, cdSize);
    put64(e, cdOffset);
    put32(e, kZip64LocatorSig);
    put32(e, 0);
    put64(e, zip64EndOffset);
    put32(e, 1);  // total disks
  }
  auto narrow16 = [&](std::uint64_t v) {
    return zip64 && (options_.forceZip64 || v >= kMax16) ? kMax16 : static_cast<std::uint16_t>(v);
  };
  auto narrow32 = [&](std::uint64_t v) {
    return zip64 && (options_.forceZip64 || v >= kMax32) ? kMax32 : static_cast<std::uint32_t>(v);
  };
  put32(e, kEndOfCentralDirSig);
  put16(e, 0);
  put16(e, 0);
  put16(e, narrow16(count));
  put16(e, narrow16(count));
  put32(e, narrow32(cdSize));
  put32(e, narrow32(cdOffset));
  put16(e, 0);  // comment length
  out_.write(e);
}

std::vector<WrittenEntry> ZipWriter::written() const {
  std::vector<WrittenEntry> entries;
  entries.reserve(entries_.size());
  for (const Entry& e : entries_) entries.push_back({e.name, e.digest.size, e.digest.crc32});
  return entries;
}

}  // namespace brobyg::package
