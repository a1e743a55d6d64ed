#include "config/ConfigCheck.h"

#include <algorithm>
#include <ctime>
#include <filesystem>

#include "config/CertificateCheck.h"
#include "dataset/DatasetSpec.h"
#include "plugin/PluginInstance.h"
#include "plugin/PluginRegistry.h"
#include "pseudo/Date.h"
#include "pseudo/ProjectKey.h"
#include "util/Error.h"
#include "util/FileSecurity.h"

namespace brobyg::config {
namespace fs = std::filesystem;

// The municipality's calendar day, the same day the normaliser judges birth dates by.
std::string todayIso() {
  return pseudo::toIsoString(pseudo::localToday());
}

namespace {

void checkInstances(const std::vector<InstanceConfig>& instances, bool sources,
                    const plugin::PluginRegistry& registry, const Config& config,
                    std::vector<Problem>& problems) {
  const char* kind = sources ? "source" : "destination";
  for (const InstanceConfig& instance : instances) {
    std::string label =
        std::string(kind) + " '" + instance.id + "' (plugin " + instance.plugin + ")";
    auto library = registry.find(instance.plugin);
    if (!library) {
      problems.push_back({instance.line, label + ": " + registry.missingMessage(instance.plugin)});
      continue;
    }
    if (library->isSource() != sources) {
      problems.push_back({instance.line, label + ": plugin '" + instance.plugin + "' is a " +
                                             plugin::kindName(library->descriptor().kind) +
                                             ", not a " + kind});
      continue;
    }
    auto validated = plugin::validateSettings(label, *library, instance.settings, config.directory,
                                              instance.line);
    for (const auto& p : validated.problems) problems.push_back({p.line, p.message});
    if (!validated.ok()) continue;

    // The plugin's own check: can it reach its files, database or server?
    const dataset::DatasetSpec* spec = nullptr;
    if (sources) {
      for (const JobConfig& job : config.jobs)
        for (const JobDatasetConfig& d : job.datasets)
          if (d.source == instance.id && spec == nullptr) spec = dataset::findDataset(d.dataset);
      if (spec == nullptr) {
        problems.push_back({instance.line, label + ": no job reads from this source", true});
        continue;
      }
    }
    try {
      plugin::PluginInstance created(library, instance.id, label, validated,
                                     spec != nullptr ? spec->abi() : nullptr, "");
      created.check();
    } catch (const Error& e) {
      problems.push_back({instance.line, e.what()});
    }
  }
}

}  // namespace

std::vector<Problem> checkConfig(const Config& config, const plugin::PluginRegistry& registry) {
  std::vector<Problem> problems;
  auto add = [&](long line, const std::string& message, bool warning = false) {
    problems.push_back({line, message, warning});
  };

  // State folder: must exist or be creatable by the service.
  if (!config.service.stateDirectory.empty()) {
    std::error_code ec;
    fs::path state(config.service.stateDirectory);
    if (!fs::is_directory(state, ec) && !fs::is_directory(state.parent_path(), ec))
      add(config.service.line,
          config.service.stateDirectory + ": state folder and its parent do not exist");
#ifndef _WIN32
    // It holds the quarantine (CPR numbers) and the work files: the service account's only.
    else if (fs::is_directory(state, ec) &&
             (fs::status(state, ec).permissions() &
              (fs::perms::group_all | fs::perms::others_all)) != fs::perms::none)
      add(config.service.line, config.service.stateDirectory +
                                   ": state folder is open to others; run: chmod 700 " +
                                   config.service.stateDirectory);
#endif
  }

  if (!config.service.adminTokenFile.empty()) {
    std::string why = privateFileProblem(config.service.adminTokenFile);
    if (!why.empty())
      add(config.service.adminLine,
          config.service.adminTokenFile + ": admin token file refused: " + why);
  }

  if (!config.producer.signingCertificate.empty()) {
    auto report = inspectCertificate(config.producer.signingCertificate, CertificateRole::Signer);
    for (const auto& e : report.errors) add(config.producer.line, "signing certificate: " + e);
    for (const auto& w : report.warnings)
      add(config.producer.line, "signing certificate: " + w, true);
    if (report.errors.empty() && !config.producer.signingKey.empty())
      for (const auto& e : checkKeyMatchesCertificate(config.producer.signingKey,
                                                      config.producer.signingCertificate))
        add(config.producer.line, "signing key: " + e);
  }

  for (const ProjectConfig& project : config.projects) {
    try {
      pseudo::ProjectKey::load(project.keyFile);
    } catch (const Error& e) {
      add(project.line, "project '" + project.id + "': " + e.what());
    }
  }

  for (const RecipientConfig& recipient : config.recipients) {
    auto report = inspectCertificate(recipient.certificate, CertificateRole::Recipient);
    for (const auto& e : report.errors)
      add(recipient.line, "recipient '" + recipient.id + "': " + e);
    for (const auto& w : report.warnings)
      add(recipient.line, "recipient '" + recipient.id + "': " + w, true);
  }

  checkInstances(config.sources, true, registry, config, problems);
  checkInstances(config.destinations, false, registry, config, problems);

  const std::string today = todayIso();
  for (const JobConfig& job : config.jobs) {
    if (!job.legalBasis.expires.empty() && job.legalBasis.expires < today)
      add(job.legalBasis.line, "job '" + job.id + "': legal basis '" + job.legalBasis.agreement +
                                   "' expired on " + job.legalBasis.expires +
                                   "; the job will refuse to run");
  }

  std::stable_sort(problems.begin(), problems.end(),
                   [](const Problem& a, const Problem& b) { return a.line < b.line; });
  return problems;
}

}  // namespace brobyg::config
