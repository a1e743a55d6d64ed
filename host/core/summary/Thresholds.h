// absence_summary's flag thresholds: read from the job's configuration, applied per row.
#pragma once

namespace brobyg::summary {

// In basis points (1 % = 100), so that "exactly 10 %" is exact; DESIGN §5's defaults.
struct Thresholds {
  int unauthWarn = 1000;    // unauthorised >= this share of a quarter
  int unauthNotify = 1500;  // unauthorised >= this share of a quarter
  int highTotal = 1000;     // all absence strictly above this share of a school year
};

}  // namespace brobyg::summary
