#include "ReceiverRole.h"

#include <Poco/Logger.h>

namespace brobyg::daemon {

namespace {
Poco::Logger& logger() {
  return Poco::Logger::get("brobygd");
}
}  // namespace

ReceiverRole::ReceiverRole(const config::Config& config) {
  start(config.receiver);
}

ReceiverRole::~ReceiverRole() {
  stop();
}

void ReceiverRole::start(const config::ReceiverConfig& config) {
  running_ = config;
  if (!config.enabled) return;
  receiver_ = std::make_unique<receiver::Receiver>(config);
  logger().information("receiver '" + config.id + "' listening on " + config.host + ":" +
                       std::to_string(receiver_->port()) + ", inbox " + config.inbox);
}

void ReceiverRole::apply(const config::Config& next) {
  std::lock_guard lock(mutex_);
  if (!running_.enabled && !next.receiver.enabled) return;
  // The old listener goes first: the new one may need its port and its inbox lock.
  if (receiver_) receiver_->stop();
  receiver_.reset();
  const config::ReceiverConfig before = running_;
  try {
    start(next.receiver);
    if (!next.receiver.enabled) logger().information("receiver stopped: no <receiver> any more");
  } catch (const std::exception& e) {
    logger().error(std::string("reload: the receiver could not start from the new "
                               "configuration, so it runs on the one before: ") +
                   e.what());
    try {
      start(before);
    } catch (const std::exception& again) {
      running_ = {};
      logger().critical(std::string("receiver not listening: ") + again.what());
    }
  }
}

void ReceiverRole::stop() {
  std::lock_guard lock(mutex_);
  if (receiver_) receiver_->stop();
  receiver_.reset();
}

}  // namespace brobyg::daemon
