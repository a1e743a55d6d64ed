#pragma once

#include <map>
#include <string>
#include <vector>

#include "config/ReceiverConfig.h"

namespace brobyg::receiver {

// The clients a receiver accepts uploads from, by the SHA-256 fingerprint of their TLS
// client certificate's DER. Chain verification (to the client CA) is TLS's job; this decides
// who among the certificates that chain may deliver (CHECKLIST "TLS": not Poco's host-name
// check of the client's certificate against its IP address).
class AllowList {
 public:
  // Reads the certificate files the entries name. Throws brobyg::Error naming the file.
  explicit AllowList(const std::vector<config::ReceiverAllow>& entries);

  // The configured name of the client with this certificate, or nullptr when it may not
  // deliver.
  const std::string* find(const std::string& certificateDer) const;

 private:
  std::map<std::string, std::string> byFingerprint_;
};

}  // namespace brobyg::receiver
