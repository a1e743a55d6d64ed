#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

typedef struct evp_md_ctx_st EVP_MD_CTX;

namespace brobyg {

// Incremental SHA-256 (OpenSSL EVP).
class Sha256 {
 public:
  using Digest = std::array<unsigned char, 32>;

  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(const void* data, std::size_t size);
  void update(std::string_view data) { update(data.data(), data.size()); }
  Digest digest();  // finishes; the object may not be updated afterwards
  std::string hexDigest();

  static Digest of(std::string_view data);
  static std::string hexOf(std::string_view data);
  // Streams a file; throws brobyg::Error naming the file when it cannot be read.
  static std::string hexOfFile(const std::string& path, std::uint64_t* size = nullptr);

 private:
  EVP_MD_CTX* ctx_;
};

}  // namespace brobyg
