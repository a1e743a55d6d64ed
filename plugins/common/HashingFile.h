// Reads an opened export file for the tokeniser while computing its SHA-256 and counting its
// bytes, so that the processed-file record costs no second read. It can seek: a grown file's
// recorded prefix is hashed first, then its header and new part are read.
#pragma once

#include "ByteSource.h"

#include <cstdint>
#include <string>

typedef struct evp_md_ctx_st EVP_MD_CTX;

namespace brobyg::files {

class HashingFile : public SeekableSource {
 public:
  // Takes ownership of `fd` (open for reading). `label` names the file in errors (a path
  // relative to the configured directory).
  HashingFile(int fd, std::string label);
  ~HashingFile() override;
  HashingFile(const HashingFile&) = delete;
  HashingFile& operator=(const HashingFile&) = delete;

  size_t read(char* buffer, size_t capacity) override;
  // Going forward past the bytes hashed so far reads and hashes them: the digest always
  // covers the file's first bytesRead() bytes, whatever the order of reads.
  void seek(std::uint64_t offset) override;

  // Bytes hashed: the furthest point read.
  std::uint64_t bytesRead() const { return hashed_; }
  // The file's size now, from the open descriptor.
  std::uint64_t sizeNow() const;
  // Lower-case hex SHA-256 of the first bytesRead() bytes; reading may go on after it.
  std::string digestSoFar() const;

 private:
  std::string label_;
  int fd_;
  EVP_MD_CTX* ctx_;
  std::uint64_t position_ = 0;
  std::uint64_t hashed_ = 0;
};

}  // namespace brobyg::files
