#include "pipeline/stages/Package.h"

#include <Poco/Logger.h>

#include <ctime>

#include "config/CertificateCheck.h"
#include "dataset/Codebook.h"
#include "package/PackageId.h"
#include "util/FileSecurity.h"
#include "util/Hex.h"
#include "util/Sha256.h"

#ifndef BROBYG_VERSION
#define BROBYG_VERSION "0.0.0"
#endif

namespace brobyg::pipeline {
namespace fs = std::filesystem;

namespace {

package::Manifest manifestHeader(const PackageContext& run) {
  package::Manifest m;
  m.packageId = run.packageId;
  m.created = package::isoUtc(std::time(nullptr));
  m.softwareVersion = BROBYG_VERSION;
  m.producerMunicipalityCode = run.config.producer.municipality;
  m.producerName = run.config.producer.name;
  m.recipientProjectId = run.project.id;
  m.agreementId = run.job.legalBasis.agreement;
  m.agreementExpires = run.job.legalBasis.expires;
  m.keyId = run.keyId;
  for (const PulledSource& pulled : run.sources) m.sources.push_back(manifestSource(pulled));
  m.registerHead = package::ManifestRegisterHead{static_cast<std::uint64_t>(run.registerHead.seq),
                                                 run.registerHead.hash};
  return m;
}

std::string fingerprint(const std::optional<std::string>& cursor) {
  if (!cursor) return {};
  const auto digest = Sha256::of(*cursor);
  return toHex(digest.data(), 8);
}

}  // namespace

package::ManifestSource manifestSource(const PulledSource& pulled) {
  return {pulled.source,
          pulled.plugin,
          pulled.dataset,
          fingerprint(pulled.cursorBefore),
          fingerprint(pulled.cursorAfter),
          pulled.rows};
}

state::OutboxEntry stagePackage(const PackageContext& run, const StateLayout& layout,
                                const fs::path& workDir, const DatasetOutputs& outputs) {
  const config::Config& config = run.config;
  package::PackageBuildRequest request;
  request.workDir = (workDir / "package").string();
  request.outputPath = layout.outboxPackage(run.packageId).string();
  request.compressionLevel = run.job.compression;
  request.workers = run.job.workers;
  request.signerCertPath = config.producer.signingCertificate;
  request.signerKeyPath = config.producer.signingKey;
  for (const auto& ref : run.job.recipients)
    request.recipientCertPaths.push_back(config.recipient(ref)->certificate);
  request.manifest = manifestHeader(run);
  const Period period = outputs.period();
  request.manifest.periodFrom = period.from;
  request.manifest.periodTo = period.to;
  request.datasets = outputs.files();
  // Every package carries the codebook of its datasets (DESIGN §6) as XML, CSV and HTML.
  std::vector<std::string> datasets;
  for (const package::DatasetFileInput& d : request.datasets) datasets.push_back(d.dataset);
  for (dataset::CodebookFile& f : dataset::makeCodebookFor(datasets))
    request.codebook.push_back({f.entryName, std::move(f.content)});
  // And how identifiable its rows are (issue 15), as XML and CSV.
  if (run.risk != nullptr) {
    request.reports.push_back({risk::kRiskReportXml, risk::toXml(*run.risk)});
    request.reports.push_back({risk::kRiskReportCsv, risk::toCsv(*run.risk)});
  }
  createPrivateDirectory(layout.outbox().string());
  package::PackageBuildResult built = package::PackageBuilder(std::move(request)).build();
  if (built.bytes > package::kDefaultMaxPackageBytes)
    Poco::Logger::get("brobyg.run")
        .warning("package " + run.packageId + " is " + std::to_string(built.bytes) +
                 " bytes, more than the " + std::to_string(package::kDefaultMaxPackageBytes) +
                 " that brobyg open accepts (openssl cms holds a package in memory); "
                 "send fewer formats or datasets per job");

  state::OutboxEntry entry;
  entry.packageId = run.packageId;
  entry.job = run.job.id;
  entry.destination = run.job.destination;
  entry.file = built.path;
  entry.fileName = config.producer.municipality + "-" + run.job.id + "-" + run.packageId + ".cms";
  entry.size = built.bytes;
  entry.sha256 = built.sha256;
  entry.disclosure = disclosureLine(run, built.manifest);
  return entry;
}

std::string disclosureLine(const PackageContext& run, const package::Manifest& manifest) {
  const config::JobConfig& job = run.job;
  std::string line = "project=" + run.project.id + " key_id=" + run.keyId +
                     " agreement=" + job.legalBasis.agreement +
                     " expires=" + job.legalBasis.expires + " recipients=";
  for (std::size_t i = 0; i < job.recipients.size(); ++i)
    line += (i ? "," : "") + job.recipients[i] + ":sha256:" +
            config::certificateFingerprint(run.config.recipient(job.recipients[i])->certificate);
  line += " files=";
  for (std::size_t i = 0; i < manifest.files.size(); ++i)
    line +=
        (i ? "," : "") + manifest.files[i].fileName + ":" + std::to_string(manifest.files[i].rows);
  line += " period=" + manifest.periodFrom + ".." + manifest.periodTo;
  return line;
}

}  // namespace brobyg::pipeline
