// A real HTTPS server on 127.0.0.1 (port chosen by the system) standing in for the
// evaluator's receiver in the plugin's own tests (the end-to-end tests use brobygd's real
// receiver): Poco's HTTPServer on a SecureServerSocket that requires a client certificate
// chained to TestPki's client_ca. Every request is recorded (method, target, Content-Length,
// the body's bytes) before the handler decides the answer.
#pragma once

#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/ThreadPool.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace brobyg::https::test {

struct SeenRequest {
  std::string method;
  std::string target;
  std::string contentLength;  // the header as sent
  std::string body;
};

struct Answer {
  int status = 200;
  std::string body;
  std::chrono::milliseconds delay{0};  // before answering (a slow receiver)
};

class ReceiverServer {
 public:
  using Handler = std::function<Answer(const SeenRequest&)>;

  // `certificate` names a TestPki pair: "server", "other_server" or "wrong_name".
  ReceiverServer(const std::string& certificate, Handler handler);
  ~ReceiverServer();
  ReceiverServer(const ReceiverServer&) = delete;
  ReceiverServer& operator=(const ReceiverServer&) = delete;

  std::uint16_t port() const { return port_; }
  // "https://localhost:<port>/".
  std::string url() const;
  std::vector<SeenRequest> requests() const;

 private:
  class Factory;
  Answer handle(const SeenRequest& request);

  Handler handler_;
  mutable std::mutex mutex_;
  std::vector<SeenRequest> requests_;
  std::unique_ptr<Poco::Net::RejectCertificateHandler> reject_;
  Poco::ThreadPool pool_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  std::uint16_t port_ = 0;
};

// A loopback port with nothing listening on it (a receiver that is down).
std::uint16_t closedPort();

}  // namespace brobyg::https::test
