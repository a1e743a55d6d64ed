#pragma once

#include <cstdint>
#include <memory>

#include "config/ReceiverConfig.h"

namespace brobyg::receiver {

class Inbox;
class PackageVerifier;
class ReceiverServer;

// The receiver role put together from its configuration: the senders' pins, the allow-list,
// the inbox (locked for this process) and the HTTPS server, listening when constructed.
class Receiver {
 public:
  // Throws brobyg::Error (or a Poco exception for the TLS files and the address) when a part
  // cannot start; nothing listens then.
  explicit Receiver(const config::ReceiverConfig& config);
  ~Receiver();
  Receiver(const Receiver&) = delete;
  Receiver& operator=(const Receiver&) = delete;

  std::uint16_t port() const;
  // Stops accepting and waits for the uploads being handled (each ends stored or not at all).
  void stop();

 private:
  std::unique_ptr<PackageVerifier> verifier_;
  std::unique_ptr<Inbox> inbox_;
  std::unique_ptr<ReceiverServer> server_;
};

}  // namespace brobyg::receiver
