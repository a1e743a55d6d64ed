#include "config/ConfigCheck.h"

#include <algorithm>
#include <filesystem>

#include "config/CertificateCheck.h"
#include "dataset/DatasetSpec.h"
#include "plugin/PluginInstance.h"
#include "plugin/PluginRegistry.h"
#include "pseudo/Date.h"
#include "pseudo/ProjectKey.h"
#include "util/Error.h"
#include "util/FileSecurity.h"
#include "util/SafePath.h"
#include "util/Utf8Path.h"

namespace brobyg::config {
namespace fs = std::filesystem;

// The municipality's calendar day, the same day the normaliser judges birth dates by.
std::string todayIso() {
  return pseudo::toIsoString(pseudo::localToday());
}

namespace {

void append(Problems& to, const Problems& more) {
  to.insert(to.end(), more.begin(), more.end());
}

void checkStateFolder(const ServiceConfig& service, Problems& problems) {
  if (service.stateDirectory.empty()) return;
  auto error = [&](const std::string& text) {
    problems.push_back(Problem::error(service.line, service.stateDirectory + ": " + text));
  };
  std::error_code ec;
  fs::path state = pathFromUtf8(service.stateDirectory);
  fs::file_status status = fs::status(state, ec);
  if (fs::exists(status) && !fs::is_directory(status)) {
    error("the state folder is a file, not a folder");
  } else if (!fs::exists(status)) {
    if (!fs::is_directory(state.parent_path(), ec))
      error("state folder and its parent do not exist");
  }
  // It holds the quarantine (CPR numbers) and the work files: the service account's only.
  else if (std::string why = privateFolderProblem(service.stateDirectory); !why.empty()) {
    error("state folder is " + why);
  }
}

void checkService(const ServiceConfig& service, Problems& problems) {
  checkStateFolder(service, problems);
  if (service.adminTokenFile.empty()) return;
  std::string why = privateFileProblem(service.adminTokenFile);
  if (!why.empty())
    problems.push_back(Problem::error(
        service.adminLine, service.adminTokenFile + ": admin token file refused: " + why));
}

void checkProducer(const ProducerConfig& producer, Problems& problems) {
  if (producer.signingCertificate.empty()) return;
  auto report = inspectCertificate(producer.signingCertificate, CertificateRole::Signer);
  append(problems, report.at(producer.line, "signing certificate: "));
  if (!hasErrors(report.problems) && !producer.signingKey.empty()) {
    CertificateReport key{
        checkKeyMatchesCertificate(producer.signingKey, producer.signingCertificate), {}, {}};
    append(problems, key.at(producer.line, "signing key: "));
  }
}

void checkProject(const ProjectConfig& project, Problems& problems) {
  try {
    pseudo::ProjectKey::load(project.keyFile);
  } catch (const Error& e) {
    problems.push_back(Problem::error(project.line, "project '" + project.id + "': " + e.what()));
  }
}

void checkRecipient(const Config& config, const RecipientConfig& recipient, Problems& problems) {
  const std::string label = "recipient '" + recipient.id + "': ";
  auto report = inspectCertificate(recipient.certificate, CertificateRole::Recipient);
  append(problems, report.at(recipient.line, label));
  // Encrypting to ourselves would send packages that no evaluator can open.
  if (!config.producer.signingCertificate.empty() &&
      sameCertificateKey(recipient.certificate, config.producer.signingCertificate))
    problems.push_back(Problem::error(
        recipient.line, label + recipient.certificate +
                            ": this is the producer's own signing certificate; a recipient is "
                            "the evaluator's certificate"));
}

// The dataset a source instance feeds (the first job's that reads from it), or null.
const dataset::DatasetSpec* datasetOf(const Config& config, const InstanceConfig& source) {
  for (const JobConfig& job : config.jobs)
    for (const JobDatasetConfig& d : job.datasets)
      if (d.source == source.id) return dataset::findDataset(d.dataset);
  return nullptr;
}

// The pinned certificate receipts are verified against must be a readable PEM certificate
// (the receiver signs with its TLS certificate by default: no S/MIME usage is required).
void checkReceiptCertificate(const InstanceConfig& destination, const std::string& label,
                             Problems& problems) {
  try {
    certificateFingerprint(destination.receiptCertificate);
  } catch (const Error& e) {
    problems.push_back(
        Problem::error(destination.line, label + ": receipt-certificate: " + e.what()));
  }
}

// `reach`: also ask the plugin to reach its files or server (check()). Only `brobyg check`
// does: before a run, an unreachable source or destination is not a configuration error but
// a failed run (exit 1, read again next time) or a package the outbox retries (exit 3).
void checkInstance(const Config& config, const plugin::PluginRegistry& registry,
                   const InstanceConfig& instance, bool isSource, bool reach, Problems& problems) {
  const char* kind = isSource ? "source" : "destination";
  const std::string label =
      std::string(kind) + " '" + instance.id + "' (plugin " + instance.plugin + ")";
  auto error = [&](long line, const std::string& text) {
    problems.push_back(Problem::error(line, text));
  };
  auto library = registry.find(instance.plugin);
  if (!library)
    return error(instance.line, label + ": " + registry.missingMessage(instance.plugin));
  if (library->isSource() != isSource)
    return error(instance.line, label + ": plugin '" + instance.plugin + "' is a " +
                                    plugin::kindName(library->descriptor().kind) + ", not a " +
                                    kind);
  if (!instance.receiptCertificate.empty()) checkReceiptCertificate(instance, label, problems);
  auto validated =
      plugin::validateSettings(label, *library, instance.settings, config.directory, instance.line);
  Problems table = plugin::settingsTableProblems(*library, label, instance.line);
  append(problems, validated.problems);
  append(problems, table);
  if (!validated.ok() || hasErrors(table) || !reach) return;

  // The plugin's own check: can it reach its files, database or server?
  const dataset::DatasetSpec* spec = isSource ? datasetOf(config, instance) : nullptr;
  if (isSource && spec == nullptr) {
    problems.push_back(Problem::warning(instance.line, label + ": no job reads from this source"));
    return;
  }
  try {
    plugin::PluginInstance created(library, instance.id, label, validated,
                                   spec != nullptr ? spec->abi() : nullptr, "");
    created.check();
  } catch (const Error& e) {
    error(instance.line, e.what());
  }
}

// Every path the runner builds from the job's ids stays inside the state folder (the ids are
// checked when the file is read; this holds for a Config made any other way, too).
void checkIdPaths(const Config& config, const JobConfig& job, Problems& problems) {
  const fs::path state = pathFromUtf8(config.service.stateDirectory);
  auto inside = [&](const fs::path& parent, const std::string& name, const std::string& what) {
    if (!isSafeId(name) || !insideParent(parent, parent / pathFromUtf8(name)))
      problems.push_back(Problem::error(
          job.line, what + " id is not usable as a file name inside " + parent.string()));
  };
  inside(state / "work", job.id, "job '" + job.id + "':");
  inside(state / "locks", job.id, "job '" + job.id + "':");
  for (const JobDatasetConfig& d : job.datasets)
    if (!d.source.empty()) inside(state / "plugins", d.source, "source");  // empty: derived
  inside(state / "summary", job.id, "job '" + job.id + "':");
  inside(state / "plugins", job.destination, "destination");
}

void sortByLine(Problems& problems) {
  std::stable_sort(problems.begin(), problems.end(),
                   [](const Problem& a, const Problem& b) { return a.line < b.line; });
}

}  // namespace

Problems checkConfig(const Config& config, const plugin::PluginRegistry& registry) {
  Problems problems;
  checkService(config.service, problems);
  checkProducer(config.producer, problems);
  for (const ProjectConfig& project : config.projects) checkProject(project, problems);
  for (const RecipientConfig& recipient : config.recipients)
    checkRecipient(config, recipient, problems);
  for (const InstanceConfig& source : config.sources)
    checkInstance(config, registry, source, true, true, problems);
  for (const InstanceConfig& destination : config.destinations)
    checkInstance(config, registry, destination, false, true, problems);
  checkReceiverConfig(config.receiver, problems);

  const std::string today = todayIso();
  for (const JobConfig& job : config.jobs) {
    checkIdPaths(config, job, problems);
    if (!job.legalBasis.expires.empty() && job.legalBasis.expires < today)
      problems.push_back(Problem::error(
          job.legalBasis.line, "job '" + job.id + "': legal basis '" + job.legalBasis.agreement +
                                   "' expired on " + job.legalBasis.expires +
                                   "; the job will refuse to run"));
  }
  sortByLine(problems);
  return problems;
}

Problems preflight(const Config& config, const plugin::PluginRegistry& registry,
                   const std::string& jobId) {
  Problems problems;
  const JobConfig* job = config.job(jobId);
  if (job == nullptr) {
    problems.push_back(Problem::error(0, "no job '" + jobId + "'"));
    return problems;
  }
  checkService(config.service, problems);
  checkProducer(config.producer, problems);
  if (const ProjectConfig* project = config.project(job->project)) checkProject(*project, problems);
  for (const std::string& id : job->recipients)
    if (const RecipientConfig* recipient = config.recipient(id))
      checkRecipient(config, *recipient, problems);
  std::vector<std::string> checked;  // a source may feed several datasets of the job
  for (const JobDatasetConfig& d : job->datasets) {
    const InstanceConfig* source = config.source(d.source);
    if (source == nullptr || std::count(checked.begin(), checked.end(), d.source) != 0) continue;
    checked.push_back(d.source);
    checkInstance(config, registry, *source, true, false, problems);
  }
  if (const InstanceConfig* destination = config.destination(job->destination))
    checkInstance(config, registry, *destination, false, false, problems);
  checkIdPaths(config, *job, problems);
  sortByLine(problems);
  return problems;
}

}  // namespace brobyg::config
