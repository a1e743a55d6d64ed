#include "pipeline/OutboxSender.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <optional>

#include "pipeline/Instances.h"
#include "pipeline/ReceiptCheck.h"
#include "pipeline/StateLayout.h"
#include "state/RegisterSigner.h"
#include "util/CrashPoint.h"
#include "util/Error.h"
#include "util/FileLock.h"
#include "util/FileSecurity.h"
#include "util/Sha256.h"

namespace brobyg::pipeline {

OutboxSender::OutboxSender(state::StateStore& store, const config::Config& config,
                           const plugin::PluginRegistry& registry, int maxAttempts)
    : store_(store), config_(config), registry_(registry), maxAttempts_(maxAttempts) {}

OutboxSender::~OutboxSender() = default;

std::int64_t OutboxSender::backoffSeconds(int attempts) {
  std::int64_t seconds = 60;
  for (int i = 1; i < attempts && seconds < 6 * 3600; ++i) seconds *= 2;
  return std::min<std::int64_t>(seconds, 6 * 3600);
}

plugin::PluginInstance& OutboxSender::destination(const std::string& id) {
  auto it = destinations_.find(id);
  if (it != destinations_.end()) return *it->second;
  const config::InstanceConfig* instance = config_.destination(id);
  if (instance == nullptr) throw Error("destination '" + id + "' is no longer in " + config_.path);
  auto created = createInstance(config_, registry_, *instance, false, nullptr);
  return *destinations_.emplace(id, std::move(created)).first->second;
}

DeliveryResult OutboxSender::deliver(const state::OutboxEntry& entry, bool verified) {
  Poco::Logger& log = Poco::Logger::get("brobyg.outbox");
  DeliveryResult result{entry.packageId, entry.state, {}, {}};
  store_.markSending(entry.packageId);
  int attempts = entry.attempts + 1;
  bool retryable = true;
  try {
    // The stored bytes must be the ones staged: a changed file is never sent.
    std::uint64_t size = entry.size;
    if (!verified && (Sha256::hexOfFile(entry.file, &size) != entry.sha256 || size != entry.size)) {
      retryable = false;
      throw Error(entry.file + ": stored package no longer matches its outbox record");
    }
    brobyg_package_ref ref{sizeof(brobyg_package_ref), entry.packageId.c_str(),
                           entry.file.c_str(),         entry.size,
                           entry.sha256.c_str(),       entry.fileName.c_str()};
    crashPoint("sending");
    std::string receipt = destination(entry.destination).deliver(ref);
    // A destination with a pinned receipt signer is delivered only by a receipt the host
    // verified; one that fails is an error like any other (retried, then failed).
    const config::InstanceConfig* instance = config_.destination(entry.destination);
    if (instance != nullptr && !instance->receiptCertificate.empty())
      checkReceipt(receipt, instance->receiptCertificate, entry);
    result.receipt = std::move(receipt);
    crashPoint("delivered-unrecorded");
    // The register entry is signed with the key that signed the package (issue 16 #5).
    const state::RegisterSigner signer(config_.producer.signingCertificate,
                                       config_.producer.signingKey);
    store_.markDelivered(entry.packageId, result.receipt, signer);
    result.state = state::OutboxState::Delivered;
    log.information("package " + entry.packageId + " delivered to destination '" +
                    entry.destination + "'");
  } catch (const std::exception& e) {
    result.error = e.what();
    if (!retryable || attempts >= maxAttempts_) {
      store_.markFailed(entry.packageId, result.error);
      result.state = state::OutboxState::Failed;
      log.error("package " + entry.packageId + " failed after " + std::to_string(attempts) +
                " attempt(s): " + result.error);
    } else {
      std::int64_t next = state::nowSeconds() + backoffSeconds(attempts);
      store_.markRetry(entry.packageId, result.error, next);
      result.state = state::OutboxState::RetryWaiting;
      log.warning("package " + entry.packageId + " not delivered (attempt " +
                  std::to_string(attempts) + "), will retry: " + result.error);
    }
  }
  return result;
}

std::vector<DeliveryResult> OutboxSender::deliverDue(const std::optional<std::string>& job,
                                                     bool ignoreBackoff,
                                                     const std::string& justStaged) {
  std::vector<DeliveryResult> results;
  // One sender at a time (brobygd, or an admin's outbox --send): never two attempts at once.
  const StateLayout layout(config_);
  createPrivateDirectory(layout.locks().string());
  std::optional<FileLock> lock;
  try {
    lock.emplace(layout.outboxLock().string(), "the outbox sender");
  } catch (const Error& e) {
    Poco::Logger::get("brobyg.outbox").information(std::string(e.what()) + "; not sending now");
    return results;
  }
  // Only the lock holder can tell that a 'sending' entry is not being sent right now.
  if (int n = store_.recoverInterruptedSends(); n > 0)
    Poco::Logger::get("brobyg.outbox")
        .warning(std::to_string(n) + " interrupted delivery(ies) will be resent");
  std::int64_t until = ignoreBackoff ? INT64_MAX : state::nowSeconds();
  for (const auto& entry : store_.dueOutbox(until))
    if (!job || entry.job == *job)
      results.push_back(deliver(entry, entry.attempts == 0 && entry.packageId == justStaged));
  return results;
}

}  // namespace brobyg::pipeline
