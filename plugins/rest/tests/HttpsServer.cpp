#include "HttpsServer.h"

#include "TestPki.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/Net.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/StreamCopier.h>

namespace brobyg::rest::test {
namespace {

// Winsock started before any test opens a socket: a static mingw build of Poco does not start it
// by itself (docs/architecture.md); on Linux this does nothing.
const bool networkReady = (Poco::Net::initializeNetwork(), true);

class Forward : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Forward(std::function<Answer(const SeenRequest&)> handler)
      : handler_(std::move(handler)) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    SeenRequest seen{request.getMethod(), request.getURI(), request.get("Authorization", ""), {}};
    Poco::StreamCopier::copyToString(request.stream(), seen.body);
    const Answer answer = handler_(seen);
    response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(answer.status));
    for (const auto& [name, value] : answer.headers) response.set(name, value);
    response.setContentType("application/json");
    response.setContentLength(static_cast<std::streamsize>(answer.body.size()));
    response.send() << answer.body;
  }

 private:
  std::function<Answer(const SeenRequest&)> handler_;
};

}  // namespace

class HttpsServer::Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(HttpsServer& server) : server_(server) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new Forward([this](const SeenRequest& r) { return server_.handle(r); });
  }

 private:
  HttpsServer& server_;
};

HttpsServer::HttpsServer(const std::string& certificate, Handler handler)
    : handler_(std::move(handler)), pool_(1, 4) {
  const TestPki& pki = TestPki::get();
  Poco::Net::Context::Params params;
  params.privateKeyFile = pki.file(certificate + ".key");
  params.certificateFile = pki.file(certificate + ".crt");
  // The server side: VERIFY_NONE here only means it asks no client certificate. The plugin
  // under test is the client and verifies this server strictly (VERIFY_STRICT, ca_file).
  params.verificationMode = Poco::Net::Context::VERIFY_NONE;
  params.loadDefaultCAs = false;
  Poco::Net::Context::Ptr context =
      new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params);
  Poco::Net::SecureServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0), 16, context);
  port_ = socket.address().port();
  auto* serverParams = new Poco::Net::HTTPServerParams;
  serverParams->setMaxThreads(4);
  serverParams->setMaxQueued(16);
  serverParams->setTimeout(Poco::Timespan(5, 0));
  serverParams->setKeepAlive(false);
  server_ =
      std::make_unique<Poco::Net::HTTPServer>(new Factory(*this), pool_, socket, serverParams);
  server_->start();
}

HttpsServer::~HttpsServer() {
  server_->stopAll(true);
  pool_.joinAll();
}

std::string HttpsServer::url(const std::string& target) const {
  return "https://localhost:" + std::to_string(port_) + target;
}

std::vector<SeenRequest> HttpsServer::requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

Answer HttpsServer::handle(const SeenRequest& request) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    requests_.push_back(request);
  }
  return handler_(request);
}

std::string jsonString(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace brobyg::rest::test
