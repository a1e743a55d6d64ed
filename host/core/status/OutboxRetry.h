#pragma once

#include <string>

namespace brobyg::state {
class StateStore;
}

namespace brobyg::status {

// An admin's "retry" of an outbox package (`brobyg outbox --retry`, POST /outbox/<id>/retry,
// the status page's button): a failed package, or one waiting for its next attempt, becomes
// due at once; its attempts are kept for the record. Others are left alone.
enum class RetryOutcome { Requeued, NoSuchPackage, NotRetryable };
struct Retry {
  RetryOutcome outcome = RetryOutcome::NoSuchPackage;
  std::string state;    // the package's state when it is not retryable
  std::string message;  // for the admin: names the package id and the state, nothing else
};
Retry retryPackage(state::StateStore& store, const std::string& packageId);

}  // namespace brobyg::status
