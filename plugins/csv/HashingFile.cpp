#include "HashingFile.h"

#include <brobyg_plugin.hpp>

#include <openssl/evp.h>

#include <vector>

namespace brobyg::csv {

HashingFile::HashingFile(const std::string& path, std::string label)
    : label_(std::move(label)), file_(std::fopen(path.c_str(), "rb")), ctx_(EVP_MD_CTX_new()) {
  if (ctx_ == nullptr || EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr) != 1) {
    if (file_ != nullptr) std::fclose(file_);
    EVP_MD_CTX_free(ctx_);
    throw sdk::Error("cannot initialise SHA-256");
  }
  if (file_ == nullptr) {
    EVP_MD_CTX_free(ctx_);
    throw sdk::Error("cannot open file '" + label_ + "'");
  }
}

HashingFile::~HashingFile() {
  std::fclose(file_);
  EVP_MD_CTX_free(ctx_);
}

size_t HashingFile::read(char* buffer, size_t capacity) {
  const size_t got = std::fread(buffer, 1, capacity, file_);
  if (got == 0 && std::ferror(file_) != 0) throw sdk::Error("cannot read file '" + label_ + "'");
  if (got > 0 && EVP_DigestUpdate(ctx_, buffer, got) != 1)
    throw sdk::Error("SHA-256 update failed");
  bytes_ += got;
  return got;
}

void HashingFile::drain() {
  std::vector<char> buffer(64 * 1024);
  while (read(buffer.data(), buffer.size()) > 0) {
  }
}

std::string HashingFile::hexDigest() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(ctx_, digest, &size) != 1) throw sdk::Error("SHA-256 final failed");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2);
  for (unsigned int i = 0; i < size; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0x0F]);
  }
  return hex;
}

}  // namespace brobyg::csv
