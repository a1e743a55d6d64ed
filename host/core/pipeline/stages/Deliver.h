#pragma once

#include <string>

#include "config/Config.h"
#include "plugin/PluginRegistry.h"
#include "state/StateStore.h"

namespace brobyg::pipeline {

struct Delivery {
  state::OutboxState state = state::OutboxState::Staged;
  std::string receipt;
  std::string error;  // no personal data (the destination's message, masked)
};

// The deliver stage: sends the package a run just committed (and whatever else of the job is
// due) through the outbox, so a first attempt and every retry take the same path. A failed
// attempt leaves the package waiting in the outbox for its backoff.
Delivery deliverStaged(state::StateStore& store, const config::Config& config,
                       const plugin::PluginRegistry& registry, const std::string& jobId,
                       const std::string& packageId);

}  // namespace brobyg::pipeline
