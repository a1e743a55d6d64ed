#include "schedule/TimeZone.h"

#include <algorithm>

namespace brobyg::schedule {

TimeZone TimeZone::utc() {
  TimeZone zone;
  zone.name_ = "UTC";
  return zone;
}

int TimeZone::offsetAt(std::int64_t utc) const {
  constexpr std::int64_t kLimit = std::int64_t{1} << 40;
  utc = std::clamp(utc, -kLimit, kLimit);
  if (transitions_.empty() || utc < transitions_.front())
    return transitions_.empty() && footer_ ? footer_->offsetAt(utc) : initialOffset_;
  if (utc > transitions_.back() && footer_) return footer_->offsetAt(utc);
  const auto after = std::upper_bound(transitions_.begin(), transitions_.end(), utc);
  return offsets_[static_cast<std::size_t>(after - transitions_.begin()) - 1];
}

}  // namespace brobyg::schedule
