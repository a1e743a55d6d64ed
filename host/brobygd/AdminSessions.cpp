#include "AdminSessions.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <algorithm>

#include "util/Error.h"
#include "util/Hex.h"

namespace brobyg::daemon {

namespace {

std::string randomHex() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw Error("admin session: no random bytes");
  std::string hex = toHex(bytes, sizeof bytes);
  OPENSSL_cleanse(bytes, sizeof bytes);
  return hex;
}

}  // namespace

bool AdminSessions::equal(const std::string& presented, const std::string& expected) {
  return presented.size() == expected.size() &&
         CRYPTO_memcmp(presented.data(), expected.data(), expected.size()) == 0;
}

AdminSessions::Session AdminSessions::create(std::int64_t now) {
  Session session{randomHex(), randomHex(), now + kLifetimeSeconds};
  std::lock_guard lock(mutex_);
  if (sessions_.size() >= kMaxSessions) sessions_.erase(sessions_.begin());
  sessions_.push_back(session);
  return session;
}

std::optional<AdminSessions::Session> AdminSessions::find(const std::string& id, std::int64_t now) {
  std::lock_guard lock(mutex_);
  sessions_.erase(std::remove_if(sessions_.begin(), sessions_.end(),
                                 [&](const Session& s) { return s.expiresAt <= now; }),
                  sessions_.end());
  // Every session is compared, found or not: the time taken does not tell which matched.
  std::optional<Session> found;
  for (const Session& s : sessions_)
    if (equal(id, s.id)) found = s;
  return found;
}

void AdminSessions::remove(const std::string& id) {
  std::lock_guard lock(mutex_);
  sessions_.erase(std::remove_if(sessions_.begin(), sessions_.end(),
                                 [&](const Session& s) { return equal(id, s.id); }),
                  sessions_.end());
}

}  // namespace brobyg::daemon
