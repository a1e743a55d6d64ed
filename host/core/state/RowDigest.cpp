#include "state/RowDigest.h"

#include <openssl/evp.h>

#include "util/Error.h"

namespace brobyg::state {

namespace {
void appendLength(std::string& buffer, std::uint64_t value) {
  char bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>((value >> (8 * i)) & 0xff);
  buffer.append(bytes, sizeof(bytes));
}
}  // namespace

RowHasher::RowHasher() : ctx_(EVP_MD_CTX_new()), sha256_(EVP_MD_fetch(nullptr, "SHA256", nullptr)) {
  if (ctx_ == nullptr || sha256_ == nullptr) {
    EVP_MD_CTX_free(ctx_);
    EVP_MD_free(sha256_);
    throw Error("cannot initialise SHA-256 for row digests");
  }
}

RowHasher::~RowHasher() {
  EVP_MD_CTX_free(ctx_);
  EVP_MD_free(sha256_);
}

RowDigest RowHasher::digest(const std::string_view* columns, std::size_t count) {
  // One contiguous buffer and one update: the per-call overhead of EVP dominates short rows.
  buffer_.clear();
  appendLength(buffer_, count);
  for (std::size_t i = 0; i < count; ++i) {
    appendLength(buffer_, columns[i].size());
    buffer_.append(columns[i]);
  }
  unsigned char full[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  // The fetched digest is reused, so EVP_DigestInit_ex2 re-initialises in place.
  if (EVP_DigestInit_ex2(ctx_, sha256_, nullptr) != 1 ||
      EVP_DigestUpdate(ctx_, buffer_.data(), buffer_.size()) != 1 ||
      EVP_DigestFinal_ex(ctx_, full, &length) != 1 || length < 16)
    throw Error("SHA-256 of a row digest failed");
  return loadDigest(full);
}

void storeDigest(const RowDigest& digest, unsigned char out[16]) {
  for (int i = 0; i < 8; ++i) {
    out[i] = static_cast<unsigned char>(digest.high >> (56 - 8 * i));
    out[8 + i] = static_cast<unsigned char>(digest.low >> (56 - 8 * i));
  }
}

RowDigest loadDigest(const unsigned char in[16]) {
  RowDigest d;
  for (int i = 0; i < 8; ++i) {
    d.high = (d.high << 8) | in[i];
    d.low = (d.low << 8) | in[8 + i];
  }
  return d;
}

}  // namespace brobyg::state
