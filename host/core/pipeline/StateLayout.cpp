#include "pipeline/StateLayout.h"

#include "config/Config.h"
#include "util/Error.h"
#include "util/SafePath.h"
#include "util/Utf8Path.h"

namespace brobyg::pipeline {
namespace fs = std::filesystem;

namespace {

// parent/<prefix><id><suffix>, for an id that is a safe name and a result inside `parent`.
fs::path idPath(const fs::path& parent, const std::string& what, const std::string& id,
                const std::string& suffix = {}, const std::string& prefix = {}) {
  if (!isSafeId(id))
    throw Error(what + " '" + id +
                "' cannot name a file in the state folder: an id starts with a letter or digit "
                "and holds only letters, digits, '.', '_' and '-'");
  return childPath(parent, prefix + id + suffix, what + " '" + id + "'");
}

}  // namespace

StateLayout::StateLayout(fs::path root) : root_(std::move(root)) {
  if (root_.empty()) throw Error("the state folder is not configured");
}

StateLayout::StateLayout(const config::Config& config)
    : StateLayout(pathFromUtf8(config.service.stateDirectory)) {}

fs::path StateLayout::jobLock(const std::string& job) const {
  return idPath(locks(), "job", job, ".lock");
}

fs::path StateLayout::jobWork(const std::string& job) const {
  return idPath(work(), "job", job);
}

fs::path StateLayout::runWork(const std::string& job, const std::string& packageId) const {
  return idPath(jobWork(job), "package", packageId);
}

fs::path StateLayout::outboxPackage(const std::string& packageId) const {
  return idPath(outbox(), "package", packageId, ".cms");
}

fs::path StateLayout::summaryStore(const std::string& job) const {
  return idPath(summaries(), "job", job);
}

fs::path StateLayout::pluginWork(const std::string& kind, const std::string& instance) const {
  return idPath(plugins(), kind, instance, {}, kind + "-");
}

}  // namespace brobyg::pipeline
