#include <ostream>

#include "Commands.h"
#include "ExitCodes.h"
#include "config/ConfigLoader.h"
#include "pipeline/OutboxReconcile.h"
#include "pipeline/OutboxSender.h"
#include "pipeline/StateLayout.h"
#include "plugin/PluginRegistry.h"
#include "state/StateStore.h"
#include "status/OutboxRetry.h"

namespace brobyg::cli {

int outboxCommand(const Invocation& in, std::ostream& out) {
  const config::Config cfg = loadConfiguration(in);
  state::StateStore store(pipeline::StateLayout(cfg).database().string());
  if (in.has("retry")) {
    // The same rule as the admin API's POST /outbox/<id>/retry and the status page's button.
    const status::Retry retry = status::retryPackage(store, in.require("retry"));
    if (retry.outcome != status::RetryOutcome::Requeued) throw UsageError(retry.message);
    out << retry.message << "\n";
    return 0;
  }
  if (in.has("send")) {
    plugin::PluginRegistry registry(cfg.pluginDirectory(), cfg.pluginNames());
    pipeline::OutboxSender sender(store, cfg, registry);
    int status = 0;
    for (const auto& d : sender.deliverDue(std::nullopt, true)) {
      out << d.packageId << "  " << state::toString(d.state);
      if (!d.error.empty()) out << "  " << d.error;
      out << "\n";
      if (d.state != state::OutboxState::Delivered) status = kExitNotDelivered;
    }
    return status;
  }
  auto report = pipeline::reconcileOutbox(store, pipeline::StateLayout(cfg).outbox().string());
  for (const auto& f : report.filesWithoutRecord)
    out << "not in the outbox (never sent; its rows will be read again): " << f << "\n";
  for (const auto& e : store.outbox()) {
    out << e.packageId << "  " << state::toString(e.state) << "  job=" << e.job
        << "  destination=" << e.destination << "  attempts=" << e.attempts << "  bytes=" << e.size;
    if (!e.deliveredAt.empty()) out << "  delivered=" << e.deliveredAt;
    if (!e.lastError.empty()) out << "\n    last error: " << e.lastError;
    out << "\n";
  }
  return 0;
}

}  // namespace brobyg::cli
