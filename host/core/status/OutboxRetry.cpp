#include "status/OutboxRetry.h"

#include "state/StateStore.h"

namespace brobyg::status {

Retry retryPackage(state::StateStore& store, const std::string& packageId) {
  const auto entry = store.outboxEntry(packageId);
  if (!entry)
    return {RetryOutcome::NoSuchPackage, "", "no package '" + packageId + "' in the outbox"};
  if (entry->state != state::OutboxState::Failed &&
      entry->state != state::OutboxState::RetryWaiting) {
    const std::string now = state::toString(entry->state);
    return {RetryOutcome::NotRetryable, now,
            "package '" + packageId + "' is " + now +
                ", only failed packages and packages waiting to retry are requeued"};
  }
  store.requeue(packageId);
  return {RetryOutcome::Requeued, "", "package " + packageId + " will be sent on the next run"};
}

}  // namespace brobyg::status
