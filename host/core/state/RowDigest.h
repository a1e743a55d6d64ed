#pragma once

#include <cstdint>
#include <string>
#include <string_view>

typedef struct evp_md_ctx_st EVP_MD_CTX;
typedef struct evp_md_st EVP_MD;

namespace brobyg::state {

// 128 bits that identify one output row: the first 16 bytes of its SHA-256.
struct RowDigest {
  std::uint64_t high = 0;  // bytes 0..7, big-endian
  std::uint64_t low = 0;   // bytes 8..15, big-endian
  friend bool operator==(const RowDigest&, const RowDigest&) = default;
};

// Computes RowDigests. The hashed bytes are the column count, then per column its length
// and its bytes (lengths as 8-byte little-endian), so that no two different rows serialise
// alike ("a,b" + "c" differs from "a" + "b,c"). A cryptographic hash because rows carry
// values a source controls: nobody can make a row collide with another to suppress it.
// Reuses its OpenSSL context and buffer: no allocation per row once warmed up.
// Not thread-safe (one per thread).
class RowHasher {
 public:
  RowHasher();
  ~RowHasher();
  RowHasher(const RowHasher&) = delete;
  RowHasher& operator=(const RowHasher&) = delete;

  RowDigest digest(const std::string_view* columns, std::size_t count);

 private:
  EVP_MD_CTX* ctx_;
  EVP_MD* sha256_;
  std::string buffer_;
};

// The 16 bytes as stored in a digest file (high then low, big-endian).
void storeDigest(const RowDigest& digest, unsigned char out[16]);
RowDigest loadDigest(const unsigned char in[16]);

}  // namespace brobyg::state
