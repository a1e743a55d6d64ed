#pragma once

#include <memory>
#include <mutex>

#include "config/Config.h"
#include "receiver/Receiver.h"

namespace brobyg::daemon {

// The receiver role of this brobygd: listening while the configuration has a <receiver>, and
// started anew from each reloaded configuration, so that a new allow-list, senders file,
// certificate or limit takes effect without a restart. Uploads being handled when a reload
// comes finish first (Receiver::stop); a client that connects in that moment is refused and
// retries, as it does for any unreachable receiver.
class ReceiverRole {
 public:
  // Starts the role when `config` has a <receiver>; throws what receiver::Receiver throws.
  explicit ReceiverRole(const config::Config& config);
  ~ReceiverRole();
  ReceiverRole(const ReceiverRole&) = delete;
  ReceiverRole& operator=(const ReceiverRole&) = delete;

  // After a reload: stops the running listener and starts one from `next`. When that cannot
  // start (its port taken, say), the one before is started again; either way it is logged.
  void apply(const config::Config& next);
  void stop();

 private:
  void start(const config::ReceiverConfig& config);

  std::mutex mutex_;
  config::ReceiverConfig running_;
  std::unique_ptr<receiver::Receiver> receiver_;
};

}  // namespace brobyg::daemon
