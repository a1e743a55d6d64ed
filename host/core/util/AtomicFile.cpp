#include "util/AtomicFile.h"

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "util/DurableFile.h"
#include "util/Error.h"
#include "util/Utf8Path.h"

namespace brobyg {
namespace fs = std::filesystem;

OutputFile::OutputFile(const std::string& path, bool privateMode) {
  open(path, privateMode);
}

void OutputFile::open(const std::string& path, bool privateMode) {
  path_ = path;
  file_ = createOutputFile(path, privateMode);
  std::setvbuf(file_, nullptr, _IOFBF, 1 << 16);
}

OutputFile::~OutputFile() {
  if (file_ != nullptr) std::fclose(file_);
}

void OutputFile::write(const void* data, std::size_t size) {
  if (size == 0) return;
  if (std::fwrite(data, 1, size, file_) != size) throw Error(systemError(path_, "write failed"));
  if (hash_) hash_->update(data, size);
  written_ += size;
}

std::string OutputFile::contentSha256() {
  if (!hash_) throw Error(path_ + ": content hashing was not enabled");
  std::string hex = hash_->hexDigest();
  hash_.reset();
  return hex;
}

void OutputFile::discard() {
  if (file_ != nullptr) std::fclose(file_);
  file_ = nullptr;
}

void OutputFile::flush() {
  if (std::fflush(file_) != 0) throw Error(systemError(path_, "write failed"));
}

void OutputFile::sync() {
  flush();
  syncFile(file_, path_);
}

void OutputFile::close(bool durable) {
  if (file_ == nullptr) return;
  if (durable)
    sync();
  else
    flush();
  std::FILE* f = file_;
  file_ = nullptr;
  if (std::fclose(f) != 0) throw Error(systemError(path_, "close failed"));
}

namespace {
std::string tempNameFor(const std::string& target) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  const fs::path p = pathFromUtf8(target);
  std::ostringstream name;
  name << "." << p.filename().string() << ".tmp-" << std::hex << rng();
  // generic_string: '/' on Windows too (which takes either), so messages name the folder as
  // the configuration did.
  return (p.parent_path() / pathFromUtf8(name.str())).generic_string();
}
}  // namespace

AtomicFile::AtomicFile(const std::string& target, bool privateMode, Durability durability)
    : target_(target), durability_(durability) {
  open(tempNameFor(target), privateMode);
}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    discard();  // Windows cannot remove a file that is still open
    std::error_code ec;
    fs::remove(pathFromUtf8(path()), ec);
  }
}

void AtomicFile::commit() {
  const bool durable = durability_ == Durability::Durable;
  close(durable);
  if (durable) {
    durableRename(path(), target_);
  } else {
    replaceFile(path(), target_);
  }
  committed_ = true;
}

void writeFileAtomically(const std::string& target, std::string_view content, bool privateMode) {
  AtomicFile file(target, privateMode);
  file.write(content);
  file.commit();
}

std::string readFile(const std::string& path) {
  std::ifstream in(pathFromUtf8(path), std::ios::binary);
  if (!in) throw Error(path + ": cannot open for reading");
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad()) throw Error(path + ": read error");
  return out.str();
}

}  // namespace brobyg
