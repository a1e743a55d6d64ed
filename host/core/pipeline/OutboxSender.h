#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/Config.h"
#include "plugin/PluginInstance.h"
#include "plugin/PluginRegistry.h"
#include "state/StateStore.h"

namespace brobyg::pipeline {

struct DeliveryResult {
  std::string packageId;
  state::OutboxState state;
  std::string receipt;
  std::string error;
};

// Sends due outbox entries through their destination plugins: staged → sending →
// delivered, or back to retry with exponential backoff (1 min doubling to at most 6 h), or
// failed after `maxAttempts` (an admin can requeue). Every attempt sends the stored file
// byte for byte, under the same package id (CHECKLIST "Delivery semantics").
class OutboxSender {
 public:
  OutboxSender(state::StateStore& store, const config::Config& config,
               const plugin::PluginRegistry& registry, int maxAttempts = 10);
  ~OutboxSender();

  // Delivers every due entry, or only those of `job` when given. `ignoreBackoff` sends
  // waiting entries now (an admin who knows the network is back).
  // `justStaged` names a package this process staged and hashed moments ago, whose stored
  // bytes need no second check before its first attempt.
  std::vector<DeliveryResult> deliverDue(const std::optional<std::string>& job = std::nullopt,
                                         bool ignoreBackoff = false,
                                         const std::string& justStaged = {});
  DeliveryResult deliver(const state::OutboxEntry& entry, bool verified = false);

  static std::int64_t backoffSeconds(int attempts);

 private:
  plugin::PluginInstance& destination(const std::string& id);

  state::StateStore& store_;
  const config::Config& config_;
  const plugin::PluginRegistry& registry_;
  int maxAttempts_;
  std::map<std::string, std::unique_ptr<plugin::PluginInstance>> destinations_;
};

}  // namespace brobyg::pipeline
