#include "pipeline/JobRunner.h"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>

#include "dataset/DatasetSpec.h"
#include "package/PackageId.h"
#include "pipeline/StateLayout.h"
#include "pipeline/stages/Commit.h"
#include "pipeline/stages/Deduplicate.h"
#include "pipeline/stages/Deliver.h"
#include "pipeline/stages/Derive.h"
#include "pipeline/stages/Extract.h"
#include "pipeline/stages/Package.h"
#include "pipeline/stages/Prepare.h"
#include "pipeline/stages/RowHandOff.h"
#include "pipeline/stages/Summarise.h"
#include "pipeline/stages/Write.h"
#include "pseudo/HmacSha256.h"
#include "pseudo/ProjectKey.h"
#include "pseudo/Pseudonymiser.h"
#include "state/Quarantine.h"
#include "state/RowDigestStore.h"
#include "util/FileLock.h"
#include "util/FileSecurity.h"

namespace brobyg::pipeline {
namespace fs = std::filesystem;

namespace {

// The key of a job's row digests: HMAC-SHA256(K_project, "brobyg/row-digest/v1|" + job), first
// 16 bytes. Secret like the project key, so a source cannot aim a row at another's digest.
state::RowDigestKey rowDigestKey(const pseudo::ProjectKey& key, const std::string& job) {
  pseudo::PrefixedHmacSha256 hmac(key.bytes().data(), key.bytes().size(), "brobyg/row-digest/v1|");
  const pseudo::PrefixedHmacSha256::Mac mac = hmac.mac(job);
  state::RowDigestKey subkey;
  std::copy(mac.begin(), mac.begin() + subkey.size(), subkey.begin());
  return subkey;
}

// A run's work folder, removed however the run ends.
class WorkFolder {
 public:
  explicit WorkFolder(fs::path path) : path_(std::move(path)) {
    createPrivateDirectory(path_.string());
  }
  ~WorkFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  WorkFolder(const WorkFolder&) = delete;
  WorkFolder& operator=(const WorkFolder&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// The assess stage, after deduplicate: how identifiable the rows to ship are. A job that
// enforces its k refuses the package (nothing committed: the rows are read again once the
// configuration changes) and says which generalisation would reach it.
risk::RiskReport assessRisk(const config::JobConfig& job, const DatasetOutputs& outputs,
                            const Summarise* summarise, const std::string& packageId) {
  risk::RiskReport report = outputs.riskReport(packageId, job.risk.k);
  if (summarise != nullptr && summarise->aggregateRisk())
    report.aggregates.push_back(*summarise->aggregateRisk());
  if (job.risk.enforce)
    if (const risk::DatasetRisk* below = risk::firstBelowK(report))
      throw JobRefused("job '" + job.id +
                       "' refused to stage: " + risk::belowKMessage(report, *below));
  return report;
}

// The datasets the job reads only for its derived ones (ship="false").
std::vector<std::string> inputsOnly(const config::JobConfig& job) {
  std::vector<std::string> names;
  for (const config::JobDatasetConfig& entry : job.datasets)
    if (!entry.ship) names.push_back(entry.dataset);
  return names;
}

// Dataset files are deflated while written only where it measured faster (bench/README.md):
// with two workers or more, where threads of their own do it, and when the job writes xml.
// With one worker, deflating on the deriving thread between rows made a 10 M-row run 15-20 %
// slower (the deflater's tables and blocks evict the pseudonym cache and the normaliser's
// data); csv alone was no faster and in the mean 9 % more CPU. csv + xml took a third less.
FileCompression fileCompression(const config::JobConfig& job) {
  const bool xml = std::find(job.formats.begin(), job.formats.end(), "xml") != job.formats.end();
  if (job.workers < 2 || !xml) return {0, 1};
  return {job.compression, job.workers};
}

}  // namespace

JobRunner::JobRunner(const config::Config& config, const plugin::PluginRegistry& registry)
    : config_(config), registry_(registry) {}

RunResult JobRunner::runOnce(const std::string& jobId, bool deliver) {
  const StateLayout layout(config_);
  const AdmittedJob admitted = admitJob(config_, jobId);
  const config::JobConfig& job = admitted.job;

  createPrivateDirectory(layout.root().string());
  // Two runs of one job (brobygd and an admin's run --once) would read the same input twice.
  createPrivateDirectory(layout.locks().string());
  FileLock jobLock(layout.jobLock(jobId).string(), "job '" + jobId + "'");
  state::StateStore store(layout.database().string());
  tidyBeforeRun(config_, layout, store, jobId);

  pseudo::ProjectKey key = pseudo::ProjectKey::load(admitted.project.keyFile);
  pseudo::Pseudonymiser pseudonymiser(key, admitted.project.id);

  RunResult result;
  state::RunSummary& summary = result.summary;
  const std::string packageId = package::newPackageId();
  const long runId = store.beginRun(jobId);
  state::Quarantine quarantine(layout.quarantine().string(), jobId + "-" + std::to_string(runId));
  const fs::path workPath = layout.runWork(jobId, packageId);
  state::RowDigestStore digests(store, layout.digests().string(), jobId, runId,
                                rowDigestKey(key, jobId), (workPath / "digests").string());
  const pseudo::Date today = pseudo::localToday();
  std::unique_ptr<Summarise> summarise;
  if (summarises(job))
    summarise = std::make_unique<Summarise>(config_, job, layout.summaryStore(jobId), runId,
                                            workPath, today);
  Commit commit(store, runId, quarantine, digests, summarise.get());
  try {
    WorkFolder work(workPath);
    if (summarise) summarise->open(store);
    DatasetOutputs outputs(job.formats, work.path(), job.risk.generalisation, inputsOnly(job),
                           fileCompression(job));
    Extract extract(config_, registry_, store, jobId);
    Derive derive(pseudonymiser, today, quarantine, digests, summary);
    derive.setTap(summarise.get());
    for (const config::JobDatasetConfig& entry : job.datasets) {
      const dataset::DatasetSpec* spec = dataset::findDataset(entry.dataset);
      if (spec == nullptr) throw Error("unknown dataset '" + entry.dataset + "'");
      if (spec->derived()) continue;  // computed below, from the others
      derive.beginSource(entry.source, outputs.of(*spec));
      if (job.workers > 1) {
        RowHandOff handOff(derive);  // derive and write on a second thread
        extract.pull(entry.source, *spec, handOff);
        handOff.finish();
      } else {
        extract.pull(entry.source, *spec, derive);
      }
    }
    outputs.finish();
    deduplicate(outputs, digests, summary);
    if (summarise) summarise->run(outputs);
    result.counts = derive.counts();
    result.quarantinePath = quarantine.path();

    std::optional<state::OutboxEntry> staged;
    if (summary.rowsWritten > 0) {
      const risk::RiskReport risk = assessRisk(job, outputs, summarise.get(), packageId);
      const PackageContext context{
          config_,          job,   admitted.project,    key.id(), packageId,
          extract.pulled(), &risk, store.registerHead()};
      staged = stagePackage(context, layout, work.path(), outputs);
      summary.packageId = packageId;
      result.packagePath = staged->file;
      summary.status = "ok";
    } else {
      summary.status = "nothing-new";
    }
    commit.commit(summary, extract.cursors(), staged);
  } catch (const SourceNotReady& e) {
    // Not a failure: nothing is committed, and the run is repeated later (brobygd backs off).
    // The counts stay on record: rows were read, and will be read again.
    summary.status = "retry-later";
    summary.message = e.what();
    summary.packageId.clear();
    commit.abandon(summary);
    RunResult notReady;
    notReady.summary = summary;
    notReady.sourceNotReady = true;
    return notReady;
  } catch (const JobRefused& e) {
    summary.status = "refused";
    summary.message = e.what();
    summary.packageId.clear();
    commit.abandon(summary);
    throw;
  } catch (const std::exception& e) {
    summary.status = "failed";
    summary.message = e.what();
    summary.packageId.clear();
    commit.abandon(summary);
    throw;
  }

  if (deliver) {
    Delivery delivery = deliverStaged(store, config_, registry_, jobId, summary.packageId);
    result.delivery = delivery.state;
    result.receipt = delivery.receipt;
    result.deliveryError = delivery.error;
  }
  return result;
}

}  // namespace brobyg::pipeline
