#include "ReceiverRole.h"

#include <Poco/Logger.h>

namespace brobyg::daemon {

std::unique_ptr<receiver::Receiver> startReceiverRole(const config::Config& config) {
  if (!config.receiver.enabled) return nullptr;
  auto receiver = std::make_unique<receiver::Receiver>(config.receiver);
  Poco::Logger::get("brobygd").information(
      "receiver '" + config.receiver.id + "' listening on " + config.receiver.host + ":" +
      std::to_string(receiver->port()) + ", inbox " + config.receiver.inbox);
  return receiver;
}

}  // namespace brobyg::daemon
