#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

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

// Computes RowDigests: SipHash-2-4 with a 128-bit output (Aumasson and Bernstein), keyed
// with the job's RowDigestKey, over the row's canonical bytes: its CSV record as the dataset's
// CSV writer encodes it (dataset::encodeCsvRecord), which no other row of the same dataset
// shares ("a,b" + "c" is `"a,b",c`, "a" + "b,c" is `a,"b,c"`). A keyed PRF because rows carry
// values a source controls: without the key nobody can make one row collide with another to
// suppress it. SipHash rather than SHA-256: a third of the cost per row (bench/README.md), and
// hashing the bytes the writer made anyway costs no second encoding. Not thread-safe.
class RowHasher {
 public:
  explicit RowHasher(const RowDigestKey& key);

  RowDigest digest(std::string_view row) const;

 private:
  std::uint64_t k0_;
  std::uint64_t k1_;
};

// SipHash-2-4 with a 128-bit tag of `size` bytes of `data` (exposed for its test vectors).
RowDigest sipHash128(std::uint64_t k0, std::uint64_t k1, const unsigned char* data,
                     std::size_t size);

// The 16 bytes as stored in a digest file (high then low, big-endian).
void storeDigest(const RowDigest& digest, unsigned char out[16]);
RowDigest loadDigest(const unsigned char in[16]);

}  // namespace brobyg::state
