#include "package/ZipReader.h"

#include <algorithm>
#include <filesystem>
#include <memory>

#include "package/Inflater.h"
#include "package/ZipCrc32.h"
#include "package/ZipFormat.h"
#include "util/AtomicFile.h"
#include "util/Error.h"
#include "util/Sha256.h"
#include "util/Utf8Path.h"

namespace brobyg::package {
using namespace zip;
namespace fs = std::filesystem;

namespace {
constexpr std::size_t kBufferSize = 256 * 1024;
constexpr std::size_t kMaxCommentSize = 0xFFFF;

// Takes the 64-bit values out of a ZIP64 extra field for the 32-bit fields that are 0xFFFFFFFF.
void applyZip64Extra(const unsigned char* extra, std::size_t extraSize, ZipEntryInfo& info,
                     bool sizeWide, bool compressedWide, bool offsetWide,
                     const std::string& where) {
  std::size_t pos = 0;
  while (pos + 4 <= extraSize) {
    std::uint16_t id = get16(extra + pos);
    std::uint16_t len = get16(extra + pos + 2);
    if (pos + 4 + len > extraSize) break;
    if (id == kZip64ExtraId) {
      const unsigned char* p = extra + pos + 4;
      std::size_t left = len;
      auto take = [&](std::uint64_t& field) {
        if (left < 8) throw Error(where + ": truncated ZIP64 field");
        field = get64(p);
        p += 8;
        left -= 8;
      };
      if (sizeWide) take(info.size);
      if (compressedWide) take(info.compressedSize);
      if (offsetWide) take(info.localHeaderOffset);
      return;
    }
    pos += 4 + len;
  }
  if (sizeWide || compressedWide || offsetWide) throw Error(where + ": missing ZIP64 field");
}
}  // namespace

ZipReader::ZipReader(const std::string& path) : path_(path) {
  file_.open(pathFromUtf8(path), std::ios::binary);
  if (!file_) throw Error(path + ": cannot open ZIP archive");
  std::error_code ec;
  fileSize_ = fs::file_size(pathFromUtf8(path), ec);
  if (ec) throw Error(path + ": cannot get size: " + ec.message());
  readCentralDirectory();
}

void ZipReader::readAt(std::uint64_t offset, void* buffer, std::size_t size) {
  if (offset > fileSize_ || size > fileSize_ - offset)
    throw Error(path_ + ": ZIP record points beyond the end of the file");
  file_.clear();
  file_.seekg(static_cast<std::streamoff>(offset));
  file_.read(static_cast<char*>(buffer), static_cast<std::streamsize>(size));
  if (!file_) throw Error(path_ + ": read error");
}

void ZipReader::readCentralDirectory() {
  // The end record sits in the last 22 bytes plus at most a 64 KiB comment.
  std::size_t tailSize = static_cast<std::size_t>(
      std::min<std::uint64_t>(fileSize_, kEndOfCentralDirSize + kMaxCommentSize));
  if (tailSize < kEndOfCentralDirSize) throw Error(path_ + ": not a ZIP archive (too short)");
  std::vector<unsigned char> tail(tailSize);
  std::uint64_t tailOffset = fileSize_ - tailSize;
  readAt(tailOffset, tail.data(), tailSize);
  std::size_t eocd = std::string::npos;
  for (std::size_t i = tailSize - kEndOfCentralDirSize + 1; i-- > 0;) {
    if (get32(&tail[i]) == kEndOfCentralDirSig) {
      eocd = i;
      break;
    }
  }
  if (eocd == std::string::npos) throw Error(path_ + ": not a ZIP archive (no end record)");
  const unsigned char* e = &tail[eocd];
  // The end record's comment must reach the end of the file: bytes appended after an archive
  // are refused, not ignored.
  if (eocd + kEndOfCentralDirSize + get16(e + 20) != tailSize)
    throw Error(path_ + ": bytes after the end of the ZIP archive");
  std::uint64_t count = get16(e + 10);
  std::uint64_t cdSize = get32(e + 12);
  std::uint64_t cdOffset = get32(e + 16);
  std::uint64_t eocdOffset = tailOffset + eocd;

  if (eocdOffset >= kZip64LocatorSize) {
    unsigned char loc[kZip64LocatorSize];
    readAt(eocdOffset - kZip64LocatorSize, loc, sizeof loc);
    if (get32(loc) == kZip64LocatorSig) {
      unsigned char z[kZip64EndOfCentralDirSize];
      readAt(get64(loc + 8), z, sizeof z);
      if (get32(z) != kZip64EndOfCentralDirSig) throw Error(path_ + ": bad ZIP64 end record");
      count = get64(z + 32);
      cdSize = get64(z + 40);
      cdOffset = get64(z + 48);
    }
  }
  if (cdOffset > fileSize_ || cdSize > fileSize_ - cdOffset)
    throw Error(path_ + ": central directory lies outside the file");
  if (count > cdSize / kCentralHeaderSize) throw Error(path_ + ": bad entry count");

  entries_.reserve(static_cast<std::size_t>(count));
  std::vector<unsigned char> header(kCentralHeaderSize);
  std::vector<unsigned char> variable;
  std::uint64_t pos = cdOffset;
  for (std::uint64_t i = 0; i < count; ++i) {
    if (pos + kCentralHeaderSize > cdOffset + cdSize)
      throw Error(path_ + ": central directory truncated");
    readAt(pos, header.data(), kCentralHeaderSize);
    const unsigned char* h = header.data();
    if (get32(h) != kCentralHeaderSig) throw Error(path_ + ": bad central directory entry");
    std::size_t nameLen = get16(h + 28);
    std::size_t extraLen = get16(h + 30);
    std::size_t commentLen = get16(h + 32);
    variable.resize(nameLen + extraLen);
    readAt(pos + kCentralHeaderSize, variable.data(), variable.size());

    ZipEntryInfo info;
    info.flags = get16(h + 8);
    info.method = get16(h + 10);
    info.crc32 = get32(h + 16);
    info.compressedSize = get32(h + 20);
    info.size = get32(h + 24);
    info.localHeaderOffset = get32(h + 42);
    info.name.assign(reinterpret_cast<const char*>(variable.data()), nameLen);
    applyZip64Extra(variable.data() + nameLen, extraLen, info, info.size == kMax32,
                    info.compressedSize == kMax32, info.localHeaderOffset == kMax32,
                    path_ + ": " + info.name);
    if (info.flags & 1u) throw Error(path_ + ": " + info.name + ": encrypted entries unsupported");
    entries_.push_back(std::move(info));
    pos += kCentralHeaderSize + nameLen + extraLen + commentLen;
  }
}

const ZipEntryInfo* ZipReader::find(std::string_view name) const {
  for (const ZipEntryInfo& e : entries_)
    if (e.name == name) return &e;
  return nullptr;
}

std::uint64_t ZipReader::dataOffset(const ZipEntryInfo& entry) {
  unsigned char h[kLocalHeaderSize];
  readAt(entry.localHeaderOffset, h, sizeof h);
  if (get32(h) != kLocalHeaderSig) throw Error(path_ + ": " + entry.name + ": bad local header");
  std::size_t nameLen = get16(h + 26);
  std::size_t extraLen = get16(h + 28);
  std::string name(nameLen, '\0');
  readAt(entry.localHeaderOffset + kLocalHeaderSize, name.data(), nameLen);
  if (name != entry.name)
    throw Error(path_ + ": " + entry.name + ": local header names a different entry");
  std::uint64_t offset = entry.localHeaderOffset + kLocalHeaderSize + nameLen + extraLen;
  if (offset > fileSize_ || entry.compressedSize > fileSize_ - offset)
    throw Error(path_ + ": " + entry.name + ": data lies outside the file");
  return offset;
}

std::string ZipReader::read(const ZipEntryInfo& entry, const Sink& sink) {
  Sha256 sha;
  stream(entry, sink, &sha);
  return sha.hexDigest();
}

void ZipReader::check(const ZipEntryInfo& entry) {
  stream(
      entry, [](const char*, std::size_t) {}, nullptr);
}

void ZipReader::stream(const ZipEntryInfo& entry, const Sink& sink, Sha256* sha) {
  const std::string where = path_ + ": " + entry.name;
  if (entry.method != kMethodStore && entry.method != kMethodDeflate)
    throw Error(where + ": unsupported compression method " + std::to_string(entry.method));
  std::uint64_t offset = dataOffset(entry);
  std::vector<char> in(kBufferSize);
  std::unique_ptr<Inflater> inflater;
  if (entry.method == kMethodDeflate) inflater = makeInflater(where);

  std::uint32_t crc = 0;
  std::uint64_t produced = 0;
  auto deliver = [&](const char* data, std::size_t n) {
    produced += n;
    // Stop a zip bomb at the declared size instead of inflating without end.
    if (produced > entry.size) throw Error(where + ": more data than the declared size");
    if (sha != nullptr) sha->update(data, n);
    crc = crc32Update(crc, data, n);
    sink(data, n);
  };

  std::uint64_t left = entry.compressedSize;
  while (left > 0) {
    std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(left, in.size()));
    readAt(offset, in.data(), n);
    offset += n;
    left -= n;
    if (!inflater) {
      deliver(in.data(), n);
      continue;
    }
    std::size_t consumed = inflater->write(in.data(), n, deliver);
    if (inflater->finished() && (consumed < n || left > 0))
      throw Error(where + ": data after the end of the deflate stream");
  }
  if (inflater && !inflater->finished()) throw Error(where + ": truncated deflate data");
  if (produced != entry.size) throw Error(where + ": size differs from the central directory");
  if (crc != entry.crc32) throw Error(where + ": CRC-32 mismatch");
}

std::string ZipReader::sha256(const ZipEntryInfo& entry) {
  return read(entry, [](const char*, std::size_t) {});
}

std::string ZipReader::extractTo(const ZipEntryInfo& entry, const std::string& dir) {
  if (!isSafeEntryName(entry.name))
    throw Error(path_ + ": refusing to extract unsafe entry name '" + entry.name + "'");
  fs::path target = pathFromUtf8(dir) / pathFromUtf8(entry.name);
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) throw Error(target.parent_path().string() + ": cannot create folder: " + ec.message());
  AtomicFile out(target.string());
  std::string sha = read(entry, [&](const char* data, std::size_t n) { out.write(data, n); });
  out.commit();
  return sha;
}

}  // namespace brobyg::package
