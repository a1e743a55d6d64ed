#pragma once

#include <cstdint>

#include "schedule/CivilTime.h"

namespace brobyg::schedule::test {

// Seconds since the epoch of a UTC date and time.
inline std::int64_t utc(int y, int mo, int d, int h = 0, int mi = 0) {
  return toNaiveSeconds(CivilTime{y, mo, d, h, mi, 0});
}

}  // namespace brobyg::schedule::test
