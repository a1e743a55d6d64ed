#pragma once

#include <brobyg_plugin.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/Config.h"
#include "dataset/DatasetSpec.h"
#include "plugin/PluginRegistry.h"
#include "state/StateStore.h"
#include "util/Error.h"

namespace brobyg::pipeline {

// Where the extract stage hands a source's rows (the derive stage, in a run).
class RowConsumer {
 public:
  virtual ~RowConsumer() = default;
  // One value per input field of the dataset; `origin` names the place in the source.
  virtual void row(const brobyg_str* values, std::size_t count, const char* origin) = 0;
  // A hint that `values` will be a row() a few rows later (RowHandOff, which has them in a
  // batch), so that its pseudonym's cache slot is loaded while the rows before are derived.
  virtual void prefetch(const brobyg_str* /*values*/, std::size_t /*count*/) {}
  // A row the source could not read itself.
  virtual void reject(const char* origin, const char* reason, std::string_view raw) = 0;
};

// A source answered BROBYG_RETRY_LATER (an export still being written, a database in its
// maintenance window): the run ends without failing and without committing anything.
class SourceNotReady : public Error {
 public:
  using Error::Error;
};

// What one pull of a source read, for the manifest (package::ManifestSource).
struct PulledSource {
  std::string source;
  std::string plugin;
  std::string dataset;
  std::optional<std::string> cursorBefore;  // the committed cursor it started after
  std::optional<std::string> cursorAfter;   // the cursor it reported (to be committed)
  std::uint64_t rows = 0;                   // rows and rejects it handed over
};

// The extract stage: pulls each source of a job after the cursor the last committed run left,
// and keeps the cursors the sources report. They are only remembered here: the commit stage
// stores them together with the package that holds their rows.
class Extract {
 public:
  Extract(const config::Config& config, const plugin::PluginRegistry& registry,
          state::StateStore& store, std::string jobId);

  // Starts source `sourceId` for `spec` and pulls it into `rows`. Throws SourceNotReady when
  // the source says retry later, brobyg::Error for every other failure.
  void pull(const std::string& sourceId, const dataset::DatasetSpec& spec, RowConsumer& rows);

  // (source, cursor) of every source that reported a position.
  const std::vector<std::pair<std::string, std::string>>& cursors() const { return cursors_; }
  // Every pull, in order.
  const std::vector<PulledSource>& pulled() const { return pulled_; }

 private:
  const config::Config& config_;
  const plugin::PluginRegistry& registry_;
  state::StateStore& store_;
  std::string jobId_;
  std::vector<std::pair<std::string, std::string>> cursors_;
  std::vector<PulledSource> pulled_;
};

}  // namespace brobyg::pipeline
