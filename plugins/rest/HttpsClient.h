// One HTTPS request at a time to servers verified against the configured CA (CHECKLIST
// "TLS"): VERIFY_STRICT (the host name is checked, for localhost too), no system CAs, TLS 1.2
// or later, a session built with the host name (so SNI and the name check use it) and a
// RejectCertificateHandler for any certificate the chain check refuses.
#pragma once

#include <brobyg_plugin.hpp>

#include <Poco/Net/Context.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/URI.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace brobyg::rest {

// The server could not be reached or the connection broke: worth another try.
class NetworkError : public sdk::Error {
 public:
  using sdk::Error::Error;
};

struct HttpResponse {
  int status = 0;
  std::string body;        // at most maxResponseBytes
  std::string retryAfter;  // the Retry-After header, when sent
};

struct HttpRequest {
  std::string method = "GET";
  std::string authorization;  // the Authorization header, or empty
  std::string form;           // an application/x-www-form-urlencoded body (POST), or empty
};

class HttpsClient {
 public:
  // Throws sdk::Error naming ca_file when the CA cannot be loaded.
  HttpsClient(const std::string& caFile, std::chrono::seconds timeout,
              std::size_t maxResponseBytes);
  ~HttpsClient();
  HttpsClient(const HttpsClient&) = delete;
  HttpsClient& operator=(const HttpsClient&) = delete;

  // Sends one request. Throws NetworkError when it may succeed later, sdk::Error when the
  // server's certificate is refused or the body is too large. Errors show the URL redacted.
  HttpResponse send(const Poco::URI& uri, const HttpRequest& request) const;
  // Connects and completes the TLS handshake (the certificate checks) without a request.
  void handshake(const Poco::URI& uri) const;

 private:
  HttpResponse exchange(const Poco::URI& uri, const HttpRequest& request) const;

  Poco::Net::Context::Ptr context_;
  std::unique_ptr<Poco::Net::RejectCertificateHandler> reject_;
  std::chrono::seconds timeout_;
  std::size_t maxResponseBytes_;
};

}  // namespace brobyg::rest
