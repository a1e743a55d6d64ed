#include "state/RowDigestSet.h"

namespace brobyg::state {

namespace {
constexpr std::size_t kInitialSlots = 1024;
constexpr RowDigest kEmpty{};
}  // namespace

RowDigestSet::RowDigestSet() = default;

bool RowDigestSet::insert(const RowDigest& digest) {
  if (digest == kEmpty) {
    if (hasZero_) return false;
    hasZero_ = true;
    ++size_;
    return true;
  }
  // Grow before the table is 3/4 full: a miss (every new row) probes about
  // (1 + 1/(1-load)^2)/2 slots, 8.5 at 3/4 but 32 at 7/8.
  if (slots_.empty() || (size_ + 1) * 4 > slots_.size() * 3) grow();
  // SHA-256 bits are uniform, so the low bits index the table directly.
  for (std::size_t i = static_cast<std::size_t>(digest.low) & mask_;; i = (i + 1) & mask_) {
    RowDigest& slot = slots_[i];
    if (slot == digest) return false;
    if (slot == kEmpty) {
      slot = digest;
      ++size_;
      return true;
    }
  }
}

bool RowDigestSet::contains(const RowDigest& digest) const {
  if (digest == kEmpty) return hasZero_;
  if (slots_.empty()) return false;
  for (std::size_t i = static_cast<std::size_t>(digest.low) & mask_;; i = (i + 1) & mask_) {
    if (slots_[i] == digest) return true;
    if (slots_[i] == kEmpty) return false;
  }
}

bool RowDigestSet::seenOrAdd(const RowDigest& digest) {
  if (!insert(digest)) {
    ++duplicates_;
    return true;
  }
  added_.push_back(digest);
  return false;
}

void RowDigestSet::load(const RowDigest& digest) {
  insert(digest);
}

void RowDigestSet::reserve(std::size_t digests) {
  std::size_t wanted = kInitialSlots;
  while (wanted / 4 * 3 < digests) wanted *= 2;
  if (wanted <= slots_.size()) return;
  std::vector<RowDigest> old;
  old.swap(slots_);
  slots_.assign(wanted, kEmpty);
  mask_ = wanted - 1;
  size_ = hasZero_ ? 1 : 0;
  for (const RowDigest& d : old)
    if (!(d == kEmpty)) insert(d);
}

void RowDigestSet::grow() {
  reserve(slots_.empty() ? kInitialSlots / 2 : slots_.size());
}

}  // namespace brobyg::state
