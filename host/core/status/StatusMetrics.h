#pragma once

#include <string>

#include "status/StatusModel.h"

namespace brobyg::status {

// The status model in Prometheus' text format (version 0.0.4). Times are unix seconds, so
// that an alert such as `brobyg_certificate_expiry_timestamp_seconds - time() < 30 * 86400`
// fires 30 days ahead. Labels hold ids and settings only (docs/operations.md lists them).
std::string toPrometheus(const Status& status);

}  // namespace brobyg::status
