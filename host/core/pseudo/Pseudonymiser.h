#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "pseudo/Cpr.h"
#include "pseudo/HmacSha256.h"
#include "pseudo/ProjectKey.h"
#include "pseudo/PseudonymCache.h"

namespace brobyg::pseudo {

// A person's pseudonym: 26 lowercase base32 characters, held inline (no allocation).
struct Pseudonym {
  static constexpr std::size_t kLength = 26;
  std::array<char, kLength> chars{};

  std::string_view view() const { return {chars.data(), chars.size()}; }
  std::string str() const { return std::string(view()); }
  bool operator==(const Pseudonym&) const = default;
};

// Computes DESIGN §4 pseudonyms for one project:
//   K_project = HKDF-SHA256(key bytes, no salt, "brobyg/project/v1|" + project id, 32)
//   pseudonym = base32(first 16 bytes of HMAC-SHA256(K_project, "brobyg/person/v1|" + digits))
// Pupils repeat across many absence rows, so results are kept in a bounded PseudonymCache.
//
// NOT thread-safe, by design: it keeps scratch hash state and the cache. Give every pipeline
// thread its own Pseudonymiser (construction costs one HKDF).
class Pseudonymiser {
 public:
  static constexpr std::size_t kDefaultCacheCapacity = std::size_t{1} << 18;

  // `projectId` must be non-empty and free of control characters. `cacheCapacity` is the
  // most pseudonyms kept (0: no cache, best when every person appears about once); the
  // cache takes at most about 48 bytes per entry (12 MiB for the default).
  Pseudonymiser(const ProjectKey& key, std::string_view projectId,
                std::size_t cacheCapacity = kDefaultCacheCapacity);
  ~Pseudonymiser();
  Pseudonymiser(const Pseudonymiser&) = delete;
  Pseudonymiser& operator=(const Pseudonymiser&) = delete;

  Pseudonym pseudonym(const Cpr& cpr) { return ofDigits(cpr.text()); }
  // `digits` must be exactly 10 ASCII digits (a parsed Cpr's text()); throws brobyg::Error
  // otherwise, without quoting the value.
  Pseudonym ofDigits(std::string_view digits);
  // A hint for a pseudonym() of `text` a few rows later: loads its cache slot. Text that is
  // not a CPR number's 10 digits (a dash allowed) is ignored; the check is pseudonym()'s.
  void prefetch(std::string_view text) const;
  // The same value, bypassing the cache (tests and benchmarks).
  Pseudonym computeUncached(std::string_view digits);

  const std::string& keyId() const { return keyId_; }
  const std::string& projectId() const { return projectId_; }
  std::size_t cachedEntries() const { return cache_ ? cache_->size() : 0; }
  std::uint64_t cacheHits() const { return cacheHits_; }
  std::uint64_t cacheMisses() const { return cacheMisses_; }

 private:
  Pseudonym compute(std::string_view digits);
  void remember(std::uint64_t number, const Pseudonym& pseudonym);

  std::string keyId_;
  std::string projectId_;
  std::unique_ptr<PrefixedHmacSha256> hmac_;
  std::unique_ptr<PseudonymCache> cache_;  // null: no cache
  bool hasLast_ = false;
  std::uint64_t lastNumber_ = 0;
  Pseudonym last_;
  std::uint64_t cacheHits_ = 0;
  std::uint64_t cacheMisses_ = 0;
};

}  // namespace brobyg::pseudo
