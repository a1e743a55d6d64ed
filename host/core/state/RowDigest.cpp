#include "state/RowDigest.h"

#include <cstring>

namespace brobyg::state {

namespace {

std::uint64_t loadLittle(const unsigned char* p) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
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

constexpr std::size_t kMaxLengthBytes = 10;  // LEB128 of a 64-bit value

unsigned char* putLength(unsigned char* out, std::uint64_t value) {
  while (value >= 0x80) {
    *out++ = static_cast<unsigned char>((value & 0x7f) | 0x80);
    value >>= 7;
  }
  *out++ = static_cast<unsigned char>(value);
  return out;
}

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

RowDigest RowHasher::digest(const std::string_view* columns, std::size_t count) {
  // One contiguous buffer: one pass of the hash over it.
  std::size_t worst = kMaxLengthBytes * (count + 1);
  for (std::size_t i = 0; i < count; ++i) worst += columns[i].size();
  if (buffer_.size() < worst) buffer_.resize(2 * worst);
  unsigned char* const start = buffer_.data();
  unsigned char* out = putLength(start, count);
  for (std::size_t i = 0; i < count; ++i) {
    out = putLength(out, columns[i].size());
    if (!columns[i].empty()) std::memcpy(out, columns[i].data(), columns[i].size());
    out += columns[i].size();
  }
  return sipHash128(k0_, k1_, start, static_cast<std::size_t>(out - start));
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
