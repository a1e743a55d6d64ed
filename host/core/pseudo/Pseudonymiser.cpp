#include "pseudo/Pseudonymiser.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <cstring>

#include "pseudo/Base32.h"
#include "pseudo/Hkdf.h"
#include "util/Error.h"

namespace brobyg::pseudo {

namespace {
constexpr std::string_view kProjectInfo = "brobyg/project/v1|";
constexpr std::string_view kPersonPrefix = "brobyg/person/v1|";
constexpr std::size_t kPseudonymBytes = 16;
static_assert(base32Length(kPseudonymBytes) == Pseudonym::kLength);

// The 10 digits as a number, the cache key. False when `digits` is not 10 ASCII digits.
bool tenDigitNumber(std::string_view digits, std::uint64_t& number) {
  if (digits.size() != 10) return false;
  number = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
    number = number * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return true;
}

void requireTenDigits(std::string_view digits, std::uint64_t& number) {
  if (!tenDigitNumber(digits, number)) throw Error("a pseudonym needs exactly 10 digits");
}
}  // namespace

Pseudonymiser::Pseudonymiser(const ProjectKey& key, std::string_view projectId,
                             std::size_t cacheCapacity)
    : keyId_(key.id()), projectId_(projectId) {
  if (projectId.empty()) throw Error("the project id is empty");
  if (std::any_of(projectId.begin(), projectId.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
    throw Error("the project id contains a control character");
  }
  std::string info(kProjectInfo);
  info += projectId;
  std::array<unsigned char, 32> projectKey{};
  hkdfSha256(key.bytes().data(), key.bytes().size(), nullptr, 0, info, projectKey.data(),
             projectKey.size());
  try {
    hmac_ =
        std::make_unique<PrefixedHmacSha256>(projectKey.data(), projectKey.size(), kPersonPrefix);
  } catch (...) {
    OPENSSL_cleanse(projectKey.data(), projectKey.size());
    throw;
  }
  OPENSSL_cleanse(projectKey.data(), projectKey.size());
  if (cacheCapacity > 0) cache_ = std::make_unique<PseudonymCache>(cacheCapacity);
}

Pseudonymiser::~Pseudonymiser() = default;

Pseudonym Pseudonymiser::compute(std::string_view digits) {
  PrefixedHmacSha256::Mac mac = hmac_->mac(digits);
  Pseudonym out;
  encodeBase32(mac.data(), kPseudonymBytes, out.chars.data());
  return out;
}

Pseudonym Pseudonymiser::computeUncached(std::string_view digits) {
  std::uint64_t number = 0;
  requireTenDigits(digits, number);
  return compute(digits);
}

Pseudonym Pseudonymiser::ofDigits(std::string_view digits) {
  std::uint64_t number = 0;
  requireTenDigits(digits, number);
  if (!cache_) return compute(digits);
  // Exports often list one pupil's rows together: the last answer is the cheapest hit.
  if (hasLast_ && number == lastNumber_) {
    ++cacheHits_;
    return last_;
  }

  Pseudonym out;
  if (const PseudonymCache::Value* cached = cache_->find(number)) {
    ++cacheHits_;
    encodeBase32(cached->data(), cached->size(), out.chars.data());
    remember(number, out);
    return out;
  }
  ++cacheMisses_;
  PrefixedHmacSha256::Mac mac = hmac_->mac(digits);
  PseudonymCache::Value value;
  std::memcpy(value.data(), mac.data(), value.size());
  cache_->insert(number, value);
  encodeBase32(value.data(), value.size(), out.chars.data());
  remember(number, out);
  return out;
}

void Pseudonymiser::prefetch(std::string_view text) const {
  if (!cache_ || text.size() > 11) return;
  std::uint64_t number = 0;
  int digits = 0;
  for (char c : text) {
    if (c < '0' || c > '9') continue;
    number = number * 10 + static_cast<std::uint64_t>(c - '0');
    ++digits;
  }
  if (digits == 10) cache_->prefetch(number);
}

void Pseudonymiser::remember(std::uint64_t number, const Pseudonym& pseudonym) {
  hasLast_ = true;
  lastNumber_ = number;
  last_ = pseudonym;
}

}  // namespace brobyg::pseudo
