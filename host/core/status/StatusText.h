#pragma once

#include <cstdint>
#include <string>

#include "status/StatusModel.h"

namespace brobyg::status {

// The status model for a terminal (`brobyg status`): jobs with their schedule and last runs,
// the outbox (packages not yet delivered listed one by one), the register head, certificates
// by expiry, and check's problems.
std::string toText(const Status& status);

// "3d 4h", "25m", "40s": how long, for a human.
std::string humanDuration(std::int64_t seconds);

}  // namespace brobyg::status
