#pragma once

#include <string>

#include "config/Config.h"
#include "package/Packager.h"
#include "pipeline/StateLayout.h"
#include "pipeline/stages/Extract.h"
#include "pipeline/stages/Write.h"
#include "state/StateStore.h"

namespace brobyg::pipeline {

// What the package stage needs to know about the run beyond its datasets.
struct PackageContext {
  const config::Config& config;
  const config::JobConfig& job;
  const config::ProjectConfig& project;
  std::string keyId;      // the project key's id, for the manifest
  std::string packageId;  // made before the run, the idempotency key of delivery
  std::vector<PulledSource> sources;  // every pull of the run, for the manifest
  const risk::RiskReport* risk = nullptr;  // the assess stage's; null: no report
  // The disclosure register's head now: travels in the manifest as a witness (issue 16 #5).
  state::RegisterHead registerHead;
};

// A pull as the manifest lists it: cursors as fingerprints (package::ManifestSource).
package::ManifestSource manifestSource(const PulledSource& pulled);

// The package stage: from the datasets' finished files, builds the signed and encrypted package
// (manifest with the datasets' row counts and period, codebook) into the outbox, and returns
// its outbox record with the disclosure line. Nothing is committed here: a crash leaves a
// file without a record, which the outbox reconciliation reports and never sends.
state::OutboxEntry stagePackage(const PackageContext& run, const StateLayout& layout,
                                const std::filesystem::path& workDir, const DatasetOutputs& outputs);

// The disclosure register's line for a package: what, to whom, on what basis. No personal data.
std::string disclosureLine(const PackageContext& run, const package::Manifest& manifest);

}  // namespace brobyg::pipeline
