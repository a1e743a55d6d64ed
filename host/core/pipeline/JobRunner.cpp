#include "pipeline/JobRunner.h"

#include <Poco/Logger.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>

#include "config/CertificateCheck.h"
#include "config/ConfigCheck.h"
#include "dataset/DatasetSpec.h"
#include "dataset/DatasetWriter.h"
#include "package/PackageId.h"
#include "package/Packager.h"
#include "pipeline/Instances.h"
#include "pipeline/OutboxReconcile.h"
#include "pipeline/OutboxSender.h"
#include "pipeline/Retention.h"
#include "pipeline/RowNormaliser.h"
#include "pseudo/ProjectKey.h"
#include "pseudo/Pseudonymiser.h"
#include "state/Quarantine.h"
#include "util/AtomicFile.h"
#include "util/CrashPoint.h"
#include "util/Error.h"
#include "util/ExecutablePath.h"
#include "util/FileLock.h"
#include "util/FileSecurity.h"

#ifndef BROBYG_VERSION
#define BROBYG_VERSION "0.0.0"
#endif

namespace brobyg::pipeline {
namespace fs = std::filesystem;

std::string stateDatabasePath(const config::Config& config) {
  return (fs::path(config.service.stateDirectory) / "brobyg.db").string();
}
std::string outboxDirectory(const config::Config& config) {
  return (fs::path(config.service.stateDirectory) / "outbox").string();
}
std::string schemaDirectory() {
  return installedPath((fs::path("share") / "brobyg" / "schemas").string());
}

std::string quarantineDirectory(const config::Config& config) {
  return (fs::path(config.service.stateDirectory) / "quarantine").string();
}

namespace {

// The writers of one dataset in every format the job asks for.
struct DatasetOutput {
  const dataset::DatasetSpec* spec;
  std::vector<std::unique_ptr<dataset::DatasetWriter>> writers;
  std::vector<std::string> formats;
  std::vector<std::string> paths;
  std::uint64_t rows = 0;
  int dateColumn = -1;
  std::string firstDate, lastDate;
};

// Receives one source's rows at the plugin boundary.
class SourceRows : public plugin::RowHandler {
 public:
  SourceRows(std::string sourceId, RowNormaliser& normaliser, DatasetOutput& output,
             state::Quarantine& quarantine, state::RunSummary& summary)
      : sourceId_(std::move(sourceId)),
        normaliser_(normaliser),
        output_(output),
        quarantine_(quarantine),
        summary_(summary) {}

  void row(const brobyg_str* values, std::size_t count, const char* origin) override {
    ++summary_.rowsRead;
    if (!normaliser_.normalise(values, count, sourceId_, columns_, reason_)) {
      raw_.clear();
      for (std::size_t i = 0; i < count; ++i) {
        if (i) raw_.push_back(';');
        raw_.append(values[i].data, values[i].size);
      }
      quarantine_.add(sourceId_, origin, reason_, raw_);
      ++summary_.rowsRejected;
      return;
    }
    for (auto& writer : output_.writers) writer->writeRow(columns_.data(), columns_.size());
    ++output_.rows;
    ++summary_.rowsWritten;
    if (output_.dateColumn >= 0) {
      std::string_view date = columns_[static_cast<std::size_t>(output_.dateColumn)];
      if (output_.firstDate.empty() || date < output_.firstDate) output_.firstDate = date;
      if (date > output_.lastDate) output_.lastDate = date;
    }
  }

  void reject(const char* origin, const char* reason, std::string_view raw) override {
    ++summary_.rowsRead;
    ++summary_.rowsRejected;
    quarantine_.add(sourceId_, origin, reason, raw);
  }

  void cursor(std::string_view cursor) override { cursor_ = std::string(cursor); }
  const std::optional<std::string>& newCursor() const { return cursor_; }

 private:
  std::string sourceId_;
  RowNormaliser& normaliser_;
  DatasetOutput& output_;
  state::Quarantine& quarantine_;
  state::RunSummary& summary_;
  std::vector<std::string_view> columns_;
  std::string reason_;
  std::string raw_;
  std::optional<std::string> cursor_;
};

pseudo::Date today() {
  return pseudo::localToday();
}

}  // namespace

JobRunner::JobRunner(const config::Config& config, const plugin::PluginRegistry& registry)
    : config_(config), registry_(registry) {}

RunResult JobRunner::runOnce(const std::string& jobId, bool deliver) {
  Poco::Logger& log = Poco::Logger::get("brobyg.run");
  const config::JobConfig* job = config_.job(jobId);
  if (job == nullptr) throw Error(config_.path + ": no job '" + jobId + "'");
  if (job->legalBasis.expires < config::todayIso())
    throw JobRefused("job '" + jobId + "' refused: its legal basis '" + job->legalBasis.agreement +
                     "' expired on " + job->legalBasis.expires);
  const config::ProjectConfig* project = config_.project(job->project);
  if (project == nullptr) throw Error("job '" + jobId + "': project is not configured");

  createPrivateDirectory(config_.service.stateDirectory);
  // Two runs of one job (brobygd and an admin's run --once) would read the same input twice.
  createPrivateDirectory((fs::path(config_.service.stateDirectory) / "locks").string());
  FileLock jobLock(
      (fs::path(config_.service.stateDirectory) / "locks" / (jobId + ".lock")).string(),
      "job '" + jobId + "'");
  state::StateStore store(stateDatabasePath(config_));
  reconcileOutbox(store, outboxDirectory(config_));
  applyRetention(config_, store, state::nowSeconds());
  // Leftovers of this job's runs that crashed: their input is read again now.
  const fs::path jobWork = fs::path(config_.service.stateDirectory) / "work" / jobId;
  {
    std::error_code ec;
    fs::remove_all(jobWork, ec);
  }
  state::Quarantine::recoverAbandoned(quarantineDirectory(config_), jobId, store);
  if (int n = store.markInterruptedRuns(jobId); n > 0)
    log.warning(std::to_string(n) + " earlier run(s) of job '" + jobId + "' were interrupted");

  pseudo::ProjectKey key = pseudo::ProjectKey::load(project->keyFile);
  pseudo::Pseudonymiser pseudonymiser(key, project->id);
  const pseudo::Date runDate = today();

  RunResult result;
  state::RunSummary& summary = result.summary;
  const std::string packageId = package::newPackageId();
  const long runId = store.beginRun(jobId);
  const fs::path workDir = jobWork / packageId;
  struct WorkCleanup {
    fs::path dir;
    ~WorkCleanup() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } cleanup{workDir};

  std::vector<std::pair<std::string, std::string>> cursors;
  std::map<std::string, DatasetOutput> outputs;
  state::Quarantine quarantine(quarantineDirectory(config_), jobId + "-" + std::to_string(runId));
  try {
    createPrivateDirectory(workDir.string());
    for (const config::JobDatasetConfig& entry : job->datasets) {
      const dataset::DatasetSpec* spec = dataset::findDataset(entry.dataset);
      if (spec == nullptr) throw Error("unknown dataset '" + entry.dataset + "'");
      DatasetOutput& output = outputs[spec->name()];
      if (output.spec == nullptr) {
        output.spec = spec;
        output.dateColumn = spec->outputIndex("date");
        for (const std::string& format : job->formats) {
          std::string path = (workDir / (spec->name() + "." + format)).string();
          output.writers.push_back(dataset::makeWriter(format, *spec, path, Durability::Scratch));
          output.writers.back()->begin();
          output.formats.push_back(format);
          output.paths.push_back(path);
        }
      }
      const config::InstanceConfig* sourceConfig = config_.source(entry.source);
      if (sourceConfig == nullptr) throw Error("source '" + entry.source + "' is not configured");
      auto source = createInstance(config_, registry_, *sourceConfig, true, spec);
      auto normaliser = RowNormaliser::forDataset(*spec, pseudonymiser, runDate);
      SourceRows rows(entry.source, *normaliser, output, quarantine, summary);
      source->pull(store.cursor(jobId, entry.source), rows);
      if (rows.newCursor()) cursors.emplace_back(entry.source, *rows.newCursor());
    }
    // Durable before the cursors move past the rejected rows; published after the commit.
    quarantine.prepare();
    result.quarantinePath = quarantine.path();

    std::optional<state::OutboxEntry> staged;
    if (summary.rowsWritten > 0) {
      package::PackageBuildRequest request;
      request.workDir = (workDir / "package").string();
      request.outputPath = (fs::path(outboxDirectory(config_)) / (packageId + ".cms")).string();
      request.compressionLevel = job->compression;
      request.signerCertPath = config_.producer.signingCertificate;
      request.signerKeyPath = config_.producer.signingKey;
      for (const auto& ref : job->recipients)
        request.recipientCertPaths.push_back(config_.recipient(ref)->certificate);
      package::Manifest& m = request.manifest;
      m.packageId = packageId;
      m.created = package::isoUtc(std::time(nullptr));
      m.softwareVersion = BROBYG_VERSION;
      m.producerMunicipalityCode = config_.producer.municipality;
      m.producerName = config_.producer.name;
      m.recipientProjectId = project->id;
      m.agreementId = job->legalBasis.agreement;
      m.agreementExpires = job->legalBasis.expires;
      m.keyId = key.id();
      for (auto& [name, output] : outputs) {
        for (std::size_t i = 0; i < output.writers.size(); ++i) {
          output.writers[i]->finish();
          request.datasets.push_back({output.paths[i], name + "." + output.formats[i], name,
                                      std::to_string(output.spec->version()), output.formats[i],
                                      output.rows});
        }
        if (m.periodFrom.empty() || output.firstDate < m.periodFrom)
          m.periodFrom = output.firstDate;
        if (output.lastDate > m.periodTo) m.periodTo = output.lastDate;
      }
      // Every package carries its codebook (DESIGN §6); a broken installation is an error.
      request.codebook = readFile((fs::path(schemaDirectory()) / "codebook.xml").string());
      createPrivateDirectory(outboxDirectory(config_));
      package::PackageBuildResult built = package::PackageBuilder(std::move(request)).build();
      summary.packageId = packageId;
      result.packagePath = built.path;
      if (built.bytes > package::kDefaultMaxPackageBytes)
        log.warning("package " + packageId + " is " + std::to_string(built.bytes) +
                    " bytes, more than the " + std::to_string(package::kDefaultMaxPackageBytes) +
                    " that brobyg open accepts (openssl cms holds a package in memory); "
                    "send fewer formats or datasets per job");
      staged = state::OutboxEntry{};
      staged->packageId = packageId;
      staged->job = jobId;
      staged->destination = job->destination;
      staged->file = built.path;
      staged->fileName = config_.producer.municipality + "-" + jobId + "-" + packageId + ".cms";
      staged->size = built.bytes;
      staged->sha256 = built.sha256;
      // The disclosure register's record: what, to whom, on what basis. No personal data.
      std::string disclosure = "project=" + project->id + " key_id=" + key.id() +
                               " agreement=" + job->legalBasis.agreement +
                               " expires=" + job->legalBasis.expires + " recipients=";
      for (std::size_t i = 0; i < job->recipients.size(); ++i)
        disclosure +=
            (i ? "," : "") + job->recipients[i] + ":sha256:" +
            config::certificateFingerprint(config_.recipient(job->recipients[i])->certificate);
      disclosure += " files=";
      for (std::size_t i = 0; i < built.manifest.files.size(); ++i)
        disclosure += (i ? "," : "") + built.manifest.files[i].fileName + ":" +
                      std::to_string(built.manifest.files[i].rows);
      disclosure += " period=" + built.manifest.periodFrom + ".." + built.manifest.periodTo;
      staged->disclosure = disclosure;
      summary.status = "ok";
    } else {
      summary.status = "nothing-new";
    }
    if (staged) crashPoint("package-staged");
    store.commitRun(runId, summary, cursors, staged);
    crashPoint("run-committed");
    quarantine.publish();
  } catch (const std::exception& e) {
    quarantine.discard();
    summary.status = "failed";
    summary.message = e.what();
    summary.packageId.clear();
    store.finishRunWithoutCommit(runId, summary);
    throw;
  }

  if (deliver) {
    OutboxSender sender(store, config_, registry_);
    for (const DeliveryResult& d : sender.deliverDue(jobId, false, summary.packageId)) {
      if (d.packageId != summary.packageId) continue;
      result.delivery = d.state;
      result.receipt = d.receipt;
      result.deliveryError = d.error;
    }
  }
  if (!summary.packageId.empty() && result.delivery != state::OutboxState::Delivered)
    result.exitCode = kExitNotDelivered;
  return result;
}

std::string summaryLine(const std::string& job, const RunResult& result) {
  const state::RunSummary& s = result.summary;
  std::string line = "job=" + job + " status=" + s.status + " read=" + std::to_string(s.rowsRead) +
                     " rejected=" + std::to_string(s.rowsRejected) +
                     " written=" + std::to_string(s.rowsWritten) +
                     " package=" + (s.packageId.empty() ? "-" : s.packageId);
  if (!s.packageId.empty()) line += std::string(" delivery=") + state::toString(result.delivery);
  return line;
}

}  // namespace brobyg::pipeline
