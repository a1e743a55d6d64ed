#include "HashingFile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <brobyg_plugin.hpp>

#include <openssl/evp.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <vector>

namespace brobyg::files {

HashingFile::HashingFile(int fd, std::string label)
    : label_(std::move(label)), fd_(fd), ctx_(EVP_MD_CTX_new()) {
  if (ctx_ == nullptr || EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr) != 1) {
    ::close(fd_);
    EVP_MD_CTX_free(ctx_);
    throw sdk::Error("cannot initialise SHA-256");
  }
}

HashingFile::~HashingFile() {
  ::close(fd_);
  EVP_MD_CTX_free(ctx_);
}

size_t HashingFile::read(char* buffer, size_t capacity) {
  ssize_t got = 0;
  do {
#ifdef _WIN32
    // The CRT's _read counts in unsigned int and returns int.
    got = ::read(fd_, buffer, static_cast<unsigned>(std::min<size_t>(capacity, 1u << 30)));
#else
    got = ::read(fd_, buffer, capacity);
#endif
  } while (got < 0 && errno == EINTR);
  if (got < 0) throw sdk::Error("cannot read file '" + label_ + "'");
  const auto size = static_cast<size_t>(got);
  const std::uint64_t end = position_ + size;
  if (end > hashed_) {
    const auto fresh = static_cast<size_t>(end - hashed_);
    if (EVP_DigestUpdate(ctx_, buffer + (size - fresh), fresh) != 1)
      throw sdk::Error("SHA-256 update failed");
    hashed_ = end;
  }
  position_ = end;
  return size;
}

void HashingFile::seek(std::uint64_t offset) {
  if (offset > hashed_) {
    seek(hashed_);
    std::vector<char> buffer(64 * 1024);
    // Exactly up to `offset`, so that digestSoFar() then covers that prefix.
    while (position_ < offset && read(buffer.data(), static_cast<size_t>(std::min<std::uint64_t>(
                                                         buffer.size(), offset - position_))) > 0) {
    }
  }
  if (::lseek(fd_, static_cast<off_t>(offset), SEEK_SET) < 0)
    throw sdk::Error("cannot read file '" + label_ + "'");
  position_ = offset;
}

std::uint64_t HashingFile::sizeNow() const {
  struct stat status {};
  if (::fstat(fd_, &status) != 0) throw sdk::Error("cannot read file '" + label_ + "'");
  return static_cast<std::uint64_t>(status.st_size);
}

std::string HashingFile::digestSoFar() const {
  const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> copy(EVP_MD_CTX_new(),
                                                                     &EVP_MD_CTX_free);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (!copy || EVP_MD_CTX_copy_ex(copy.get(), ctx_) != 1 ||
      EVP_DigestFinal_ex(copy.get(), digest, &size) != 1)
    throw sdk::Error("SHA-256 final failed");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2);
  for (unsigned int i = 0; i < size; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0x0F]);
  }
  return hex;
}

}  // namespace brobyg::files
