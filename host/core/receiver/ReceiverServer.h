#pragma once

#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/ThreadPool.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "receiver/AllowList.h"
#include "receiver/Inbox.h"

namespace brobyg::receiver {

struct ServerSettings {
  std::string host;
  int port = 0;  // 0: the system picks one (tests); port() tells which
  std::string serverCertificate;
  std::string serverKey;
  std::string clientCa;
  std::uint64_t maxPackageBytes = 1ull << 30;
  int maxConnections = 8;
  std::int64_t requestTimeoutSeconds = 60;
};

// The receiver's HTTPS server (protocol in docs/evaluator-guide.md):
// PUT /packages/<package-id> with Content-Length; 200 and the receipt
// (application/pkcs7-mime) for a new or repeated package; 400 bad request or id, 403 client
// not on the allow-list, 409 same id with other bytes, 413 too large (decided before the
// body is read), 422 package refused, 503 busy. TLS requires a client certificate that chains
// to the client CA (VERIFY_STRICT, RejectCertificateHandler); who may deliver is decided by
// the allow-list on the certificate's SHA-256, with Poco's client host-name check off
// (poco#4475). Bounded thread pool and queue; read timeout and a total time limit per request.
class ReceiverServer {
 public:
  // Starts listening. Throws brobyg::Error when the key file is not private, Poco exceptions
  // when the certificates or the address do not work.
  ReceiverServer(const ServerSettings& settings, AllowList allow, Inbox& inbox);
  ~ReceiverServer();
  ReceiverServer(const ReceiverServer&) = delete;
  ReceiverServer& operator=(const ReceiverServer&) = delete;

  std::uint16_t port() const { return port_; }
  // Stops accepting, waits for the requests being handled.
  void stop();

  class Handler;
  class Factory;

 private:
  ServerSettings settings_;
  AllowList allow_;
  Inbox& inbox_;
  std::atomic<int> active_{0};
  std::unique_ptr<Poco::Net::RejectCertificateHandler> reject_;
  std::unique_ptr<Poco::ThreadPool> pool_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  std::uint16_t port_ = 0;
  bool stopped_ = false;
};

}  // namespace brobyg::receiver
