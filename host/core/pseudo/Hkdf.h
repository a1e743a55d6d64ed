#pragma once

#include <cstddef>
#include <string_view>

namespace brobyg::pseudo {

// HKDF-SHA256 (RFC 5869) through OpenSSL's EVP_KDF. An empty salt means "no salt" (HashLen
// zero bytes, as the RFC says). Fills `out` with `outSize` bytes; throws brobyg::Error on
// failure.
void hkdfSha256(const unsigned char* ikm, std::size_t ikmSize, const unsigned char* salt,
                std::size_t saltSize, std::string_view info, unsigned char* out,
                std::size_t outSize);

}  // namespace brobyg::pseudo
