// Interned keys: each distinct key gets the next index, 0, 1, 2, ... An open-addressing table
// of key hashes (at most half full) over the keys laid end to end, so that a lookup costs one
// or two cache misses and a key costs its bytes plus about 40: the risk tally meets a class
// per row, in whatever order an export comes, and holds as many classes as a municipality
// has children. Not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace brobyg::risk {

class KeyTable {
 public:
  // The index of `key`, added when new.
  std::uint32_t intern(std::string_view key);
  std::size_t size() const { return ends_.size(); }
  std::string_view key(std::size_t index) const;

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t index = 0;
    bool used = false;
  };
  static void place(std::vector<Slot>& slots, const Slot& slot);

  std::vector<Slot> slots_;
  std::string keys_;               // every key, in index order
  std::vector<std::size_t> ends_;  // by index: where its key ends in keys_
};

}  // namespace brobyg::risk
