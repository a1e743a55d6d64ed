#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "util/Problem.h"

namespace pugi {
class xml_node;
}

namespace brobyg::config {

// A client (municipality) the receiver accepts uploads from: by the SHA-256 fingerprint of
// its TLS client certificate, given directly or as the certificate file.
struct ReceiverAllow {
  std::string fingerprint;  // lowercase hex; filled from `certificate` by the receiver
  std::string certificate;  // path, or empty
  std::string name;         // for logs, e.g. "Kommune 0101"
  long line = 0;
};

// The receiver role of brobygd (issue 14, DESIGN §6): an HTTPS server on the evaluator's side
// that stores packages from allowed municipalities in an inbox and answers with signed
// receipts. Paths are absolute (resolved against the configuration file's folder).
struct ReceiverConfig {
  bool enabled = false;  // a <receiver> element was given
  long line = 0;
  std::string id;  // receipt/Receipt.h isValidReceiverId
  std::string host = "0.0.0.0";
  int port = 0;
  std::string serverCertificate;  // TLS server certificate (PEM; may hold the chain)
  std::string serverKey;
  std::string clientCa;  // PEM CA file that client certificates must chain to
  std::vector<ReceiverAllow> allow;
  std::string senders;  // senders file (schemas/senders.xsd): who may sign for which producer
  std::string decryptionCertificate;  // the evaluator's recipient certificate and key
  std::string decryptionKey;
  std::string inbox;
  std::uint64_t maxPackageBytes = 1ull << 30;
  int maxConnections = 8;
  std::int64_t requestTimeoutSeconds = 60;
  std::string receiptCertificate;  // default: serverCertificate
  std::string receiptKey;          // default: serverKey
};

// How ConfigLoader lends its reader: the line of a node, and a path resolved against the
// configuration's folder.
struct ReceiverReadContext {
  std::function<long(const pugi::xml_node&)> line;
  std::function<std::string(const std::string&)> path;
};

// Reads <receiver> into `out` (enabled), adding a problem per wrong or missing part.
void readReceiverConfig(const pugi::xml_node& node, const ReceiverReadContext& context,
                        ReceiverConfig& out, Problems& problems);

// What `brobyg check` checks beyond the structure: certificates and keys readable, private and
// matching, the client CA and allowed certificates readable, the senders file loads, the
// inbox's folder usable. Every problem at the receiver's line.
void checkReceiverConfig(const ReceiverConfig& receiver, Problems& problems);

}  // namespace brobyg::config
