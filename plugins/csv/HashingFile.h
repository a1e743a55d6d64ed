// Reads a file for the tokeniser while computing its SHA-256 and counting its bytes, so that
// the processed-file record costs no second read.
#pragma once

#include "ByteSource.h"

#include <cstdint>
#include <cstdio>
#include <string>

typedef struct evp_md_ctx_st EVP_MD_CTX;

namespace brobyg::csv {

class HashingFile : public ByteSource {
 public:
  // `label` names the file in errors (a path relative to the configured directory).
  HashingFile(const std::string& path, std::string label);
  ~HashingFile() override;
  HashingFile(const HashingFile&) = delete;
  HashingFile& operator=(const HashingFile&) = delete;

  size_t read(char* buffer, size_t capacity) override;

  // Reads whatever is left, so that the digest covers the whole file.
  void drain();
  std::uint64_t bytesRead() const { return bytes_; }
  // Lower-case hex SHA-256 of everything read; call once, at the end.
  std::string hexDigest();

 private:
  std::string label_;
  std::FILE* file_;
  EVP_MD_CTX* ctx_;
  std::uint64_t bytes_ = 0;
};

}  // namespace brobyg::csv
