#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace brobyg::pseudo {

// A bounded map from a CPR number (as the integer of its 10 digits) to the 16 pseudonym
// bytes: open addressing with linear probing, at most half full. The table starts small and
// doubles as people arrive, so a small school's pupils stay in the CPU cache; when it holds
// `capacity` entries it starts over empty and small, so memory never exceeds about
// 48 bytes x capacity. Not thread-safe.
class PseudonymCache {
 public:
  using Value = std::array<unsigned char, 16>;

  explicit PseudonymCache(std::size_t capacity);
  ~PseudonymCache();
  PseudonymCache(const PseudonymCache&) = delete;
  PseudonymCache& operator=(const PseudonymCache&) = delete;

  // Null when `number` is not cached. The pointer is valid until the next insert.
  const Value* find(std::uint64_t number) const;
  // Asks the CPU to load `number`'s home slot, for a find() a little later: in a table larger
  // than the caches a lookup otherwise waits for memory (most of a lookup's time).
  void prefetch(std::uint64_t number) const;
  void insert(std::uint64_t number, const Value& value);

  std::size_t size() const { return size_; }
  std::size_t capacity() const { return capacity_; }
  std::size_t slotCount() const { return mask_ + 1; }

 private:
  struct Slot {
    std::uint64_t key;  // number + 1; 0 marks an empty slot
    Value value;
  };
  struct Free {
    void operator()(Slot* slots) const;
  };

  void allocate(std::size_t slots);
  std::size_t homeOf(std::uint64_t key) const;
  void place(std::uint64_t key, const Value& value);

  std::unique_ptr<Slot[], Free> slots_;
  std::size_t mask_ = 0;
  std::size_t maxSlots_ = 0;
  std::size_t capacity_ = 0;
  std::size_t size_ = 0;
};

}  // namespace brobyg::pseudo
