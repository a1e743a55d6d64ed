#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "state/RowDigest.h"

namespace brobyg::state {

// A set of RowDigests in one open-addressing table (linear probing, power-of-two capacity,
// at most 3/4 full; digests are uniform, so their low bits are the index). 16 bytes per
// slot, no node per entry. Remembers which digests were added since it was loaded, for
// RowDigestStore to append to its file. Not thread-safe.
class RowDigestSet {
 public:
  RowDigestSet();

  // Whether the row was seen before; when not, it is added (and counted as new). A row seen
  // before counts as a duplicate.
  bool seenOrAdd(const std::string_view* columns, std::size_t count) {
    return seenOrAdd(hasher_.digest(columns, count));
  }
  bool seenOrAdd(const RowDigest& digest);
  bool contains(const RowDigest& digest) const;

  // Adds a digest known from an earlier run (not new, not a duplicate).
  void load(const RowDigest& digest);
  void reserve(std::size_t digests);

  std::size_t size() const { return size_; }
  std::uint64_t duplicates() const { return duplicates_; }
  // Digests added by seenOrAdd() since loading or since the last clearAdded().
  const std::vector<RowDigest>& added() const { return added_; }
  void clearAdded() { added_.clear(); }

 private:
  bool insert(const RowDigest& digest);  // false when present
  void grow();

  std::vector<RowDigest> slots_;  // {0,0} marks an empty slot
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
  bool hasZero_ = false;  // the all-zero digest, which cannot live in a slot
  std::uint64_t duplicates_ = 0;
  std::vector<RowDigest> added_;
  RowHasher hasher_;
};

}  // namespace brobyg::state
