#include "receiver/Receiver.h"

#include "receiver/AllowList.h"
#include "receiver/Inbox.h"
#include "receiver/PackageVerifier.h"
#include "receiver/ReceiverServer.h"
#include "trust/SendersFile.h"
#include "util/Error.h"

namespace brobyg::receiver {

Receiver::Receiver(const config::ReceiverConfig& config) {
  if (!config.enabled) throw Error("receiver: no <receiver> in the configuration");
  trust::SenderPins pins;
  trust::loadSendersFile(config.senders, pins);
  if (pins.empty()) throw Error("receiver: " + config.senders + ": no senders pinned");
  AllowList allow(config.allow);
  inbox_ = std::make_unique<Inbox>(
      config.inbox, ReceiptSigner{config.id, config.receiptCertificate, config.receiptKey},
      [this](const std::string& path, const std::string& id) { verifier_->check(path, id); });
  verifier_ =
      std::make_unique<PackageVerifier>(config.decryptionCertificate, config.decryptionKey,
                                        std::move(pins), inbox_->workDir(), config.maxPackageBytes);
  ServerSettings settings;
  settings.host = config.host;
  settings.port = config.port;
  settings.serverCertificate = config.serverCertificate;
  settings.serverKey = config.serverKey;
  settings.clientCa = config.clientCa;
  settings.maxPackageBytes = config.maxPackageBytes;
  settings.maxConnections = config.maxConnections;
  settings.requestTimeoutSeconds = config.requestTimeoutSeconds;
  server_ = std::make_unique<ReceiverServer>(settings, std::move(allow), *inbox_);
}

Receiver::~Receiver() = default;

std::uint16_t Receiver::port() const {
  return server_->port();
}

void Receiver::stop() {
  server_->stop();
}

}  // namespace brobyg::receiver
