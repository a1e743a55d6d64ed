#include "state/RowDigest.h"

#include <bit>
#include <cstring>

namespace brobyg::state {

namespace {

std::uint64_t loadLittle(const unsigned char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof(v));  // one load instead of eight
  if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
  return v;
}

std::uint64_t toBig(std::uint64_t v) {
  if constexpr (std::endian::native == std::endian::little) return __builtin_bswap64(v);
  return v;
}

constexpr std::uint64_t rotl(std::uint64_t x, int b) {
  return (x << b) | (x >> (64 - b));
}

struct SipState {
  std::uint64_t v0, v1, v2, v3;
  void round() {
    v0 += v1;
    v1 = rotl(v1, 13);
    v1 ^= v0;
    v0 = rotl(v0, 32);
    v2 += v3;
    v3 = rotl(v3, 16);
    v3 ^= v2;
    v0 += v3;
    v3 = rotl(v3, 21);
    v3 ^= v0;
    v2 += v1;
    v1 = rotl(v1, 17);
    v1 ^= v2;
    v2 = rotl(v2, 32);
  }
  void compress(std::uint64_t m) {
    v3 ^= m;
    round();
    round();
    v0 ^= m;
  }
  std::uint64_t finish(std::uint64_t marker) {
    v2 ^= marker;
    for (int i = 0; i < 4; ++i) round();
    return v0 ^ v1 ^ v2 ^ v3;
  }
};

}  // namespace

RowDigest sipHash128(std::uint64_t k0, std::uint64_t k1, const unsigned char* data,
                     std::size_t size) {
  SipState s{0x736f6d6570736575ULL ^ k0, 0x646f72616e646f6dULL ^ k1 ^ 0xee,
             0x6c7967656e657261ULL ^ k0, 0x7465646279746573ULL ^ k1};
  const unsigned char* const end = data + (size - size % 8);
  for (; data != end; data += 8) s.compress(loadLittle(data));
  std::uint64_t last = static_cast<std::uint64_t>(size) << 56;
  for (std::size_t i = 0; i < size % 8; ++i) last |= static_cast<std::uint64_t>(data[i]) << (8 * i);
  s.compress(last);
  RowDigest d;
  // The reference implementation's 16-byte tag is `high` then `low`, each little-endian.
  d.high = s.finish(0xee);
  s.v1 ^= 0xdd;
  d.low = s.finish(0);
  return d;
}

RowHasher::RowHasher(const RowDigestKey& key)
    : k0_(loadLittle(key.data())), k1_(loadLittle(key.data() + 8)) {}

RowDigest RowHasher::digest(std::string_view row) const {
  return sipHash128(k0_, k1_, reinterpret_cast<const unsigned char*>(row.data()), row.size());
}

void storeDigest(const RowDigest& digest, unsigned char out[16]) {
  const std::uint64_t high = toBig(digest.high), low = toBig(digest.low);
  std::memcpy(out, &high, 8);
  std::memcpy(out + 8, &low, 8);
}

RowDigest loadDigest(const unsigned char in[16]) {
  std::uint64_t high, low;
  std::memcpy(&high, in, 8);
  std::memcpy(&low, in + 8, 8);
  return {toBig(high), toBig(low)};
}

}  // namespace brobyg::state
