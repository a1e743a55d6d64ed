// A real HTTPS server on 127.0.0.1 (port chosen by the system) for the rest plugin's tests:
// Poco's HTTPServer on a SecureServerSocket with a certificate from TestPki. Every request
// goes to one handler, called on the server's threads; it is recorded first (method, path
// with query, Authorization header, body) so that tests can check what the plugin sent.
#pragma once

#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/ThreadPool.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace brobyg::rest::test {

struct SeenRequest {
  std::string method;
  std::string target;  // path and query
  std::string authorization;
  std::string body;
};

// What a handler answers: status, body, extra headers.
struct Answer {
  int status = 200;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

class HttpsServer {
 public:
  using Handler = std::function<Answer(const SeenRequest&)>;

  // `certificate` names a TestPki pair: "server", "other_server" or "wrong_name".
  HttpsServer(const std::string& certificate, Handler handler);
  ~HttpsServer();
  HttpsServer(const HttpsServer&) = delete;
  HttpsServer& operator=(const HttpsServer&) = delete;

  std::uint16_t port() const { return port_; }
  // "https://localhost:<port>" + target.
  std::string url(const std::string& target) const;
  std::vector<SeenRequest> requests() const;

 private:
  class Factory;
  Answer handle(const SeenRequest& request);

  Handler handler_;
  mutable std::mutex mutex_;
  std::vector<SeenRequest> requests_;
  Poco::ThreadPool pool_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  std::uint16_t port_ = 0;
};

// JSON string literal of `text` (quotes and backslashes escaped), for building pages.
std::string jsonString(const std::string& text);

}  // namespace brobyg::rest::test
