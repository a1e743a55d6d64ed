#include "pipeline/stages/Deliver.h"

#include "pipeline/OutboxSender.h"

namespace brobyg::pipeline {

Delivery deliverStaged(state::StateStore& store, const config::Config& config,
                       const plugin::PluginRegistry& registry, const std::string& jobId,
                       const std::string& packageId) {
  Delivery delivery;
  OutboxSender sender(store, config, registry);
  for (const DeliveryResult& d : sender.deliverDue(jobId, false, packageId)) {
    if (d.packageId != packageId) continue;
    delivery.state = d.state;
    delivery.receipt = d.receipt;
    delivery.error = d.error;
  }
  return delivery;
}

}  // namespace brobyg::pipeline
