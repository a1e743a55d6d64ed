#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "package/OpenSslUtil.h"

namespace brobyg::package {

// A file opened once and read through that one handle by every check and by the parser, so
// that a file swapped on disk between the size check, the tag check and the parse changes
// nothing (CHECKLIST "Found while building brobyg"). The size is measured on the handle when
// it opens; reads stop there even if the file grows afterwards.
class InputFile {
 public:
  explicit InputFile(const std::string& path);
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  const std::string& path() const { return path_; }
  std::uint64_t size() const { return size_; }

  // Reads up to `n` bytes at `offset` (never past size()); returns how many were read.
  // Throws brobyg::Error on a read error.
  std::size_t readAt(std::uint64_t offset, char* data, std::size_t n);

  // A read-only BIO over the handle from offset 0 to size(), for OpenSSL's parsers. This
  // object must outlive it; one BIO at a time.
  ossl::BioPtr bio();

 private:
  struct Closer {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  void seek(std::uint64_t offset);

  std::string path_;
  std::unique_ptr<std::FILE, Closer> file_;
  std::uint64_t size_ = 0;
  std::uint64_t position_ = 0;  // of the handle, as this class last left it
};

}  // namespace brobyg::package
