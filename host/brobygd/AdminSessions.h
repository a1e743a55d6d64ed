#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace brobyg::daemon {

// The status page's logins: server-side sessions named by a random 256-bit id that travels
// only in an HttpOnly, SameSite=Strict cookie. Each session has its own CSRF token, which
// the page sends with every state-changing request. Ids and tokens are compared in constant
// time. A bounded number of sessions: a new login beyond it ends the oldest.
class AdminSessions {
 public:
  static constexpr std::int64_t kLifetimeSeconds = 8 * 3600;
  static constexpr std::size_t kMaxSessions = 16;

  struct Session {
    std::string id;    // 64 hex digits (32 random bytes)
    std::string csrf;  // 64 hex digits, tied to this session
    std::int64_t expiresAt = 0;
  };

  Session create(std::int64_t now);
  // The live session with this id; empty when unknown or expired (expired ones are dropped).
  std::optional<Session> find(const std::string& id, std::int64_t now);
  void remove(const std::string& id);

  // Whether `presented` equals `expected`, in time that does not depend on where they differ.
  static bool equal(const std::string& presented, const std::string& expected);

 private:
  std::mutex mutex_;
  std::vector<Session> sessions_;  // oldest first
};

}  // namespace brobyg::daemon
