#pragma once

#include <array>
#include <cstddef>
#include <string_view>

typedef struct evp_md_ctx_st EVP_MD_CTX;

namespace brobyg::pseudo {

// HMAC-SHA256 (RFC 2104) for one key and a fixed message prefix. The key's inner and outer
// pad blocks and the prefix are hashed once at construction, so each message costs only the
// hash blocks of its suffix plus one outer block. Not thread-safe (one scratch context).
class PrefixedHmacSha256 {
 public:
  using Mac = std::array<unsigned char, 32>;

  PrefixedHmacSha256(const unsigned char* key, std::size_t keySize, std::string_view prefix);
  ~PrefixedHmacSha256();
  PrefixedHmacSha256(const PrefixedHmacSha256&) = delete;
  PrefixedHmacSha256& operator=(const PrefixedHmacSha256&) = delete;

  // HMAC(key, prefix + suffix).
  Mac mac(std::string_view suffix);

 private:
  EVP_MD_CTX* inner_;  // after the key's ipad block and the prefix
  EVP_MD_CTX* outer_;  // after the key's opad block
  EVP_MD_CTX* work_;
};

}  // namespace brobyg::pseudo
