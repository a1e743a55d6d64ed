#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace brobyg::state {

// 128 bits that identify one output row.
struct RowDigest {
  std::uint64_t high = 0;  // bytes 0..7, big-endian
  std::uint64_t low = 0;   // bytes 8..15, big-endian
  friend bool operator==(const RowDigest&, const RowDigest&) = default;
  friend bool operator<(const RowDigest& a, const RowDigest& b) {
    return a.high != b.high ? a.high < b.high : a.low < b.low;
  }
};

// The secret a job's row digests are keyed with (derived from the project key).
using RowDigestKey = std::array<unsigned char, 16>;

// Computes RowDigests: SipHash-2-4 with 128-bit output (Aumasson and Bernstein), keyed with
// the job's RowDigestKey, over the column count and then each column's length and bytes
// (counts and lengths as LEB128), so that no two different rows serialise alike ("a,b" + "c"
// differs from "a" + "b,c"). A keyed PRF because rows carry values a source controls: without
// the key nobody can make one row collide with another to suppress it. SipHash rather than
// SHA-256: a third of the cost per row (bench/README.md), which matters at 10 M rows a run.
// Reuses its buffer: no allocation per row once warmed up. Not thread-safe (one per thread).
class RowHasher {
 public:
  explicit RowHasher(const RowDigestKey& key);

  RowDigest digest(const std::string_view* columns, std::size_t count);

 private:
  std::uint64_t k0_;
  std::uint64_t k1_;
  std::vector<unsigned char> buffer_;
};

// SipHash-2-4 with a 128-bit tag of `size` bytes of `data` (exposed for its test vectors).
RowDigest sipHash128(std::uint64_t k0, std::uint64_t k1, const unsigned char* data,
                     std::size_t size);

// The 16 bytes as stored in a digest file (high then low, big-endian).
void storeDigest(const RowDigest& digest, unsigned char out[16]);
RowDigest loadDigest(const unsigned char in[16]);

}  // namespace brobyg::state
