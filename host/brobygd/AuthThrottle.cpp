#include "AuthThrottle.h"

#include <algorithm>

namespace brobyg::daemon {

void AuthThrottle::refill(std::int64_t now) {
  if (left_ >= kBurst || now <= refilledAt_) {
    if (left_ >= kBurst) refilledAt_ = now;
    return;
  }
  const std::int64_t earned = (now - refilledAt_) / kRefillSeconds;
  left_ = static_cast<int>(std::min<std::int64_t>(kBurst, left_ + earned));
  refilledAt_ = left_ >= kBurst ? now : refilledAt_ + earned * kRefillSeconds;
}

std::int64_t AuthThrottle::waitSeconds(std::int64_t now) {
  std::lock_guard lock(mutex_);
  refill(now);
  if (left_ > 0) return 0;
  return std::max<std::int64_t>(1, refilledAt_ + kRefillSeconds - now);
}

bool AuthThrottle::failed(std::int64_t now) {
  std::lock_guard lock(mutex_);
  refill(now);
  if (left_ == 0) return false;
  return --left_ == 0;
}

}  // namespace brobyg::daemon
