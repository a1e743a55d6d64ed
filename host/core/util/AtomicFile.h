#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "util/DurableFile.h"  // syncDirectory, durableRename
#include "util/Sha256.h"

namespace brobyg {

// A buffered file writer that can make what it wrote durable.
class OutputFile {
 public:
  OutputFile() = default;
  // Creates or truncates `path`; `privateMode` gives it 0600 (Windows: the private ACL).
  explicit OutputFile(const std::string& path, bool privateMode = true);
  virtual ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  void write(const void* data, std::size_t size);
  void write(std::string_view text) { write(text.data(), text.size()); }
  void flush();
  void sync();                      // flush and fsync
  void close(bool durable = true);  // (sync and) close
  std::uint64_t bytesWritten() const { return written_; }
  // Keeps a SHA-256 of everything written from now on, so that a file's digest costs no
  // second read. contentSha256() finishes it.
  void hashContent() { hash_ = std::make_unique<Sha256>(); }
  std::string contentSha256();
  const std::string& path() const { return path_; }
  // Closes without flushing what is buffered or reporting errors: the content is abandoned.
  // Before removing the file: Windows does not delete a file that is still open.
  void discard();

 protected:
  void open(const std::string& path, bool privateMode);

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
  std::uint64_t written_ = 0;
  std::unique_ptr<Sha256> hash_;
};

// Whether a committed file must survive a power cut. Scratch files (intermediate work files
// that a crashed run makes again from its input) skip the fsyncs, which cost more wall time
// than anything else on their path.
enum class Durability { Durable, Scratch };

// Writes `target` atomically and durably: a temp file in the target's folder, fsync, rename,
// fsync of the folder. Destroyed without commit(), it removes the temp file and leaves any
// existing target untouched.
class AtomicFile : public OutputFile {
 public:
  explicit AtomicFile(const std::string& target, bool privateMode = true,
                      Durability durability = Durability::Durable);
  ~AtomicFile() override;
  void commit();
  const std::string& target() const { return target_; }

 private:
  std::string target_;
  Durability durability_;
  bool committed_ = false;
};

// Writes a small file atomically.
void writeFileAtomically(const std::string& target, std::string_view content,
                         bool privateMode = true);
std::string readFile(const std::string& path);

}  // namespace brobyg
