// A place in a file where a record may start, so that a file that only grew is read on from
// there: the csv tokeniser's resume point, stored in the processed-files cursor.
#pragma once

#include <cstdint>

namespace brobyg::files {

struct ReadPosition {
  std::uint64_t offset = 0;  // bytes from the start of the file
  std::uint64_t line = 1;    // the physical line that starts there
};

}  // namespace brobyg::files
