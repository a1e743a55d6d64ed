#include "pipeline/stages/Extract.h"

#include "pipeline/Instances.h"
#include "plugin/PluginInstance.h"

namespace brobyg::pipeline {

namespace {

// The plugin boundary's handler: rows go on to the consumer, the cursor stays here.
class SourcePull : public plugin::RowHandler {
 public:
  explicit SourcePull(RowConsumer& rows) : rows_(rows) {}

  void row(const brobyg_str* values, std::size_t count, const char* origin) override {
    ++count_;
    rows_.row(values, count, origin);
  }
  void reject(const char* origin, const char* reason, std::string_view raw) override {
    ++count_;
    rows_.reject(origin, reason, raw);
  }
  void cursor(std::string_view cursor) override { cursor_ = std::string(cursor); }
  const std::optional<std::string>& newCursor() const { return cursor_; }
  std::uint64_t count() const { return count_; }

 private:
  RowConsumer& rows_;
  std::uint64_t count_ = 0;
  std::optional<std::string> cursor_;
};

}  // namespace

Extract::Extract(const config::Config& config, const plugin::PluginRegistry& registry,
                 state::StateStore& store, std::string jobId)
    : config_(config), registry_(registry), store_(store), jobId_(std::move(jobId)) {}

void Extract::pull(const std::string& sourceId, const dataset::DatasetSpec& spec,
                   RowConsumer& rows) {
  const config::InstanceConfig* sourceConfig = config_.source(sourceId);
  if (sourceConfig == nullptr) throw Error("source '" + sourceId + "' is not configured");
  SourcePull handler(rows);
  PulledSource pulled{sourceId, sourceConfig->plugin, spec.name(), store_.cursor(jobId_, sourceId),
                      std::nullopt, 0};
  try {
    auto source = createInstance(config_, registry_, *sourceConfig, true, &spec);
    source->pull(pulled.cursorBefore, handler);
  } catch (const plugin::PluginError& e) {
    if (e.retryLater()) throw SourceNotReady(e.what());
    throw;
  }
  if (handler.newCursor()) cursors_.emplace_back(sourceId, *handler.newCursor());
  pulled.cursorAfter = handler.newCursor();
  pulled.rows = handler.count();
  pulled_.push_back(std::move(pulled));
}

}  // namespace brobyg::pipeline
