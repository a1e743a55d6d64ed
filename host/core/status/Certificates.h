#pragma once

#include <vector>

#include "status/StatusModel.h"

namespace brobyg::status {

// Every certificate the configuration names, with its expiry: the producer's signing
// certificate, each job's recipients, its destination's pinned receipt certificate, the TLS
// certificates its sources and destination use (settings `certificate` and `ca_file`), and
// the receiver role's certificates. Labelled by setting, job and role: never by subject, which
// can hold a person's name. A recipient used by two jobs appears once per job.
std::vector<CertificateExpiry> configuredCertificates(const config::Config& config);

}  // namespace brobyg::status
