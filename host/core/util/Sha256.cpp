#include "util/Sha256.h"

#include <openssl/evp.h>

#include <fstream>
#include <vector>

#include "util/Error.h"
#include "util/Hex.h"
#include "util/Utf8Path.h"

namespace brobyg {

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
  if (ctx_ == nullptr || EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr) != 1)
    throw Error("cannot initialise SHA-256");
}

Sha256::~Sha256() {
  EVP_MD_CTX_free(ctx_);
}

void Sha256::update(const void* data, std::size_t size) {
  if (size != 0 && EVP_DigestUpdate(ctx_, data, size) != 1) throw Error("SHA-256 update failed");
}

Sha256::Digest Sha256::digest() {
  Digest d{};
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(ctx_, d.data(), &len) != 1 || len != d.size())
    throw Error("SHA-256 final failed");
  return d;
}

std::string Sha256::hexDigest() {
  Digest d = digest();
  return toHex(d.data(), d.size());
}

Sha256::Digest Sha256::of(std::string_view data) {
  Sha256 h;
  h.update(data);
  return h.digest();
}

std::string Sha256::hexOf(std::string_view data) {
  Sha256 h;
  h.update(data);
  return h.hexDigest();
}

std::string Sha256::hexOfFile(const std::string& path, std::uint64_t* size) {
  std::ifstream in(pathFromUtf8(path), std::ios::binary);
  if (!in) throw Error(path + ": cannot open for reading");
  Sha256 h;
  std::vector<char> buffer(1 << 16);
  std::uint64_t total = 0;
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    auto n = static_cast<std::size_t>(in.gcount());
    h.update(buffer.data(), n);
    total += n;
  }
  if (in.bad()) throw Error(path + ": read error");
  if (size != nullptr) *size = total;
  return h.hexDigest();
}

}  // namespace brobyg
