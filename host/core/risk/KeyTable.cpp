#include "risk/KeyTable.h"

#include <functional>

namespace brobyg::risk {

std::uint32_t KeyTable::intern(std::string_view key) {
  if (slots_.empty()) slots_.resize(1024);
  const std::uint64_t hash = std::hash<std::string_view>()(key);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask; slots_[i].used; i = (i + 1) & mask)
    if (slots_[i].hash == hash && this->key(slots_[i].index) == key) return slots_[i].index;
  const auto index = static_cast<std::uint32_t>(size());
  keys_.append(key);
  ends_.push_back(keys_.size());
  if (size() * 2 > slots_.size()) {
    std::vector<Slot> bigger(slots_.size() * 2);
    for (const Slot& slot : slots_)
      if (slot.used) place(bigger, slot);
    slots_.swap(bigger);
  }
  place(slots_, {hash, index, true});
  return index;
}

std::string_view KeyTable::key(std::size_t index) const {
  const std::size_t begin = index == 0 ? 0 : ends_[index - 1];
  return std::string_view(keys_).substr(begin, ends_[index] - begin);
}

void KeyTable::place(std::vector<Slot>& slots, const Slot& slot) {
  const std::size_t mask = slots.size() - 1;
  std::size_t i = slot.hash & mask;
  while (slots[i].used) i = (i + 1) & mask;
  slots[i] = slot;
}

}  // namespace brobyg::risk
