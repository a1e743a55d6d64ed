#pragma once

#include <cstdint>
#include <mutex>

namespace brobyg::daemon {

// A brake on guessing the admin token. Each wrong token (a bearer token or the login form's)
// spends one of kBurst attempts, and one attempt comes back every kRefillSeconds. With none
// left, every request that presents a token is answered 429 before the token is compared, so
// guessing is held to kBurst tries plus one per kRefillSeconds, while an admin who mistyped
// waits seconds, not minutes. One count for all callers: the API listens on loopback only, so
// there is no peer address worth telling apart.
class AuthThrottle {
 public:
  static constexpr int kBurst = 10;
  static constexpr std::int64_t kRefillSeconds = 6;

  // 0 when a token may be compared now, else the seconds until one may (for Retry-After).
  std::int64_t waitSeconds(std::int64_t now);
  // A wrong token at `now`. True when it spent the last attempt, so the caller logs the
  // start of throttling once instead of every refused guess.
  bool failed(std::int64_t now);

 private:
  void refill(std::int64_t now);

  std::mutex mutex_;
  int left_ = kBurst;
  std::int64_t refilledAt_ = 0;  // when the count was last brought up to date
};

}  // namespace brobyg::daemon
