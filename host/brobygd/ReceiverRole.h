#pragma once

#include <memory>

#include "config/Config.h"
#include "receiver/Receiver.h"

namespace brobyg::daemon {

// Starts the receiver role when the configuration has a <receiver> (nothing otherwise), and
// logs where it listens. Throws what receiver::Receiver throws.
std::unique_ptr<receiver::Receiver> startReceiverRole(const config::Config& config);

}  // namespace brobyg::daemon
