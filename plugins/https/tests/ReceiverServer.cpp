#include "ReceiverServer.h"

#include "TestPki.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/Net.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

#include <thread>

namespace brobyg::https::test {
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
    SeenRequest seen{request.getMethod(), request.getURI(), request.get("Content-Length", ""), {}};
    Poco::StreamCopier::copyToString(request.stream(), seen.body);
    const Answer answer = handler_(seen);
    std::this_thread::sleep_for(answer.delay);
    response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(answer.status));
    response.setContentType("text/plain");
    response.setContentLength(static_cast<std::streamsize>(answer.body.size()));
    response.send() << answer.body;
  }

 private:
  std::function<Answer(const SeenRequest&)> handler_;
};

}  // namespace

class ReceiverServer::Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(ReceiverServer& server) : server_(server) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new Forward([this](const SeenRequest& r) { return server_.handle(r); });
  }

 private:
  ReceiverServer& server_;
};

ReceiverServer::ReceiverServer(const std::string& certificate, Handler handler)
    : handler_(std::move(handler)),
      // A client certificate the chain check refuses is refused (never a console prompt).
      reject_(std::make_unique<Poco::Net::RejectCertificateHandler>(true)),
      pool_(1, 4) {
  const TestPki& pki = TestPki::get();
  Poco::Net::Context::Params params;
  params.privateKeyFile = pki.file(certificate + ".key");
  params.certificateFile = pki.file(certificate + ".crt");
  params.caLocation = pki.file("client_ca.crt");
  // STRICT on a server: a client certificate chained to client_ca is required.
  params.verificationMode = Poco::Net::Context::VERIFY_STRICT;
  params.loadDefaultCAs = false;
  Poco::Net::Context::Ptr context =
      new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params);
  // Poco would check the client's certificate against the client's IP address (poco#4475).
  context->enableExtendedCertificateVerification(false);
  Poco::Net::SecureServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0), 16, context);
  port_ = socket.address().port();
  auto* serverParams = new Poco::Net::HTTPServerParams;
  serverParams->setMaxThreads(4);
  serverParams->setMaxQueued(16);
  serverParams->setTimeout(Poco::Timespan(10, 0));
  serverParams->setKeepAlive(false);
  server_ =
      std::make_unique<Poco::Net::HTTPServer>(new Factory(*this), pool_, socket, serverParams);
  server_->start();
}

ReceiverServer::~ReceiverServer() {
  server_->stopAll(true);
  pool_.joinAll();
}

std::string ReceiverServer::url() const {
  return "https://localhost:" + std::to_string(port_) + "/";
}

std::vector<SeenRequest> ReceiverServer::requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

Answer ReceiverServer::handle(const SeenRequest& request) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    requests_.push_back(request);
  }
  return handler_(request);
}

std::uint16_t closedPort() {
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
  const std::uint16_t port = socket.address().port();
  socket.close();
  return port;
}

}  // namespace brobyg::https::test
