#pragma once

#include <string>

namespace brobyg::bench {

// About `bytes` of CSV shaped like brobyg's absence_event.csv output (26-character pseudonyms
// of 60000 pupils, dates, codes), deterministic. With BROBYG_BENCH_CSV set to a file, its
// first `bytes` instead (for example a real absence_event.csv from `brobyg open`).
const std::string& csvSample(std::size_t bytes);

}  // namespace brobyg::bench
