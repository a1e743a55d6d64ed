#include "pseudo/PseudonymCache.h"

#include <algorithm>
#include <cstdlib>
#include <new>
#include <type_traits>

namespace brobyg::pseudo {

namespace {
constexpr std::size_t kInitialSlots = 4096;  // 96 KiB: fits the L2 cache

std::size_t powerOfTwoAtLeast(std::size_t n) {
  std::size_t p = 1;
  while (p < n) p <<= 1;
  return p;
}
}  // namespace

void PseudonymCache::Free::operator()(Slot* slots) const {
  std::free(slots);
}

PseudonymCache::PseudonymCache(std::size_t capacity)
    : maxSlots_(powerOfTwoAtLeast(2 * std::max<std::size_t>(capacity, 1))), capacity_(capacity) {
  allocate(std::min(kInitialSlots, maxSlots_));
}

PseudonymCache::~PseudonymCache() = default;

void PseudonymCache::allocate(std::size_t slots) {
  // calloc: an all-zero slot is empty, and large blocks come as lazily zeroed pages.
  static_assert(std::is_trivially_copyable_v<Slot> && std::is_aggregate_v<Slot>);
  slots_.reset(static_cast<Slot*>(std::calloc(slots, sizeof(Slot))));
  if (!slots_) throw std::bad_alloc();
  mask_ = slots - 1;
}

std::size_t PseudonymCache::homeOf(std::uint64_t key) const {
  // Multiplicative (Fibonacci) hashing spreads consecutive serial numbers over the table.
  return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 32) & mask_;
}

const PseudonymCache::Value* PseudonymCache::find(std::uint64_t number) const {
  std::uint64_t key = number + 1;
  for (std::size_t i = homeOf(key);; i = (i + 1) & mask_) {
    const Slot& slot = slots_[i];
    if (slot.key == key) return &slot.value;
    if (slot.key == 0) return nullptr;
  }
}

void PseudonymCache::prefetch(std::uint64_t number) const {
  __builtin_prefetch(&slots_[homeOf(number + 1)]);
}

void PseudonymCache::place(std::uint64_t key, const Value& value) {
  std::size_t i = homeOf(key);
  while (slots_[i].key != 0 && slots_[i].key != key) i = (i + 1) & mask_;
  if (slots_[i].key == 0) ++size_;
  slots_[i] = Slot{key, value};
}

void PseudonymCache::insert(std::uint64_t number, const Value& value) {
  if (capacity_ == 0) return;
  if (size_ >= capacity_) {
    // Start over rather than evict one by one: no bookkeeping on the hot path.
    allocate(std::min(kInitialSlots, maxSlots_));
    size_ = 0;
  } else if (2 * (size_ + 1) > slotCount() && slotCount() < maxSlots_) {
    std::unique_ptr<Slot[], Free> old = std::move(slots_);
    std::size_t oldCount = mask_ + 1;
    allocate(2 * oldCount);
    size_ = 0;
    for (std::size_t i = 0; i < oldCount; ++i) {
      if (old[i].key != 0) place(old[i].key, old[i].value);
    }
  }
  place(number + 1, value);
}

}  // namespace brobyg::pseudo
