#include "receiver/ReceiverServer.h"

#include <Poco/Logger.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/X509Certificate.h>
#include <openssl/x509.h>

#include <chrono>
#include <functional>
#include <vector>

#include "package/PackageId.h"
#include "trust/Certificate.h"
#include "util/Error.h"
#include "util/FileSecurity.h"
#include "util/Listen.h"

namespace brobyg::receiver {

namespace {

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

constexpr std::size_t kChunk = 64 * 1024;
constexpr const char* kPrefix = "/packages/";

Poco::Logger& log() {
  return Poco::Logger::get("receiver");
}

// The DER of the client's certificate; empty when it has none (TLS requires one).
std::string peerCertificateDer(const HTTPServerRequest& request) {
  try {
    // Poco hands the factory a const request; socket() is not const but only reads.
    auto& impl = const_cast<Poco::Net::HTTPServerRequestImpl&>(
        static_cast<const Poco::Net::HTTPServerRequestImpl&>(request));
    Poco::Net::SecureStreamSocket socket(impl.socket());
    const Poco::Net::X509Certificate cert = socket.peerCertificate();
    unsigned char* out = nullptr;
    const int n = i2d_X509(cert.certificate(), &out);
    if (n <= 0) return {};
    std::string der(reinterpret_cast<char*>(out), static_cast<std::size_t>(n));
    OPENSSL_free(out);
    return der;
  } catch (const Poco::Exception&) {
    return {};
  }
}

void answer(HTTPServerResponse& response, HTTPResponse::HTTPStatus status, const std::string& body,
            const std::string& type = "text/plain; charset=utf-8") {
  response.setStatus(status);
  response.setContentType(type);
  response.setContentLength(static_cast<std::streamsize>(body.size()));
  response.setKeepAlive(false);
  response.send() << body;
}

}  // namespace

// Decided before the body is read (in the factory, so that Poco sends no "100 Continue" to
// a client that waits for it): the package id, the client, the size, the load.
struct Admission {
  HTTPResponse::HTTPStatus status = HTTPResponse::HTTP_OK;
  std::string message;
  std::string packageId;
  std::string client;  // the allow-list's name
  std::int64_t length = -1;
  bool slot = false;  // holds one of the max-connections upload slots
};

class ReceiverServer::Handler : public Poco::Net::HTTPRequestHandler {
 public:
  Handler(ReceiverServer& server, Admission admission)
      : server_(server), admission_(std::move(admission)) {}
  ~Handler() override { releaseSlot(); }

  void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
    try {
      if (admission_.status != HTTPResponse::HTTP_OK) return refuse(request, response);
      receive(request, response);
    } catch (const std::exception& e) {
      log().error("package " + admission_.packageId + " from '" + admission_.client +
                  "': " + e.what());
      if (response.sent()) return;
      // As for a refusal: a body left unread resets the connection before the client reads
      // the answer, and a 500 the client never sees tells it nothing.
      releaseSlot();
      if (!bodyRead_) drainUnread(request);
      answer(response, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "receiver error\n");
    }
  }

 private:
  void refuse(HTTPServerRequest& request, HTTPServerResponse& response) {
    log().warning(admission_.message);
    drainUnread(request);
    answer(response, admission_.status, admission_.message + "\n");
  }

  void receive(HTTPServerRequest& request, HTTPServerResponse& response) {
    const std::string& id = admission_.packageId;
    const std::string from = "package " + id + " from '" + admission_.client + "'";
    std::unique_ptr<Upload> upload = server_.inbox_.begin();
    bodyRead_ = true;  // from here on, whatever fails has consumed (part of) the body
    if (!readBody(request.stream(),
                  [&](const char* data, std::size_t size) { upload->write(data, size); })) {
      log().warning(from + ": upload incomplete or too slow (" + std::to_string(upload->bytes()) +
                    " of " + std::to_string(admission_.length) + " bytes); nothing stored");
      releaseSlot();
      return answer(response, HTTPResponse::HTTP_BAD_REQUEST,
                    "upload incomplete or over the time limit\n");
    }
    const StoreResult result = server_.inbox_.store(id, *upload);
    // Free before answering: a client that sends its next package as soon as it has the
    // answer must find the slot free.
    releaseSlot();
    switch (result.outcome) {
      case StoreOutcome::Stored:
        log().information(from + ": stored (" + std::to_string(upload->bytes()) +
                          " bytes, SHA-256 " + upload->sha256() + ")");
        return answer(response, HTTPResponse::HTTP_OK, result.receiptPem, "application/pkcs7-mime");
      case StoreOutcome::Repeated:
        log().information(from + ": repeated; the stored receipt is sent again");
        return answer(response, HTTPResponse::HTTP_OK, result.receiptPem, "application/pkcs7-mime");
      case StoreOutcome::Conflict:
        log().warning(from + ": refused: " + result.reason);
        return answer(response, HTTPResponse::HTTP_CONFLICT, result.reason + "\n");
      case StoreOutcome::Refused:
        log().warning(from + ": refused: " + result.reason);
        return answer(response, HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, result.reason + "\n");
    }
  }

  // A client that is sending its body (it did not wait for "100 Continue", or Poco sent one
  // because the admission was OK): answering without reading the body would reset the
  // connection before the client reads the answer. The body (within the size cap and the time
  // limit) is read and dropped, never stored; one over the cap is not.
  void drainUnread(HTTPServerRequest& request) {
    const bool continueSent = admission_.status == HTTPResponse::HTTP_OK;
    if (admission_.length <= 0 || (request.getExpectContinue() && !continueSent) ||
        static_cast<std::uint64_t>(admission_.length) > server_.settings_.maxPackageBytes)
      return;
    try {
      readBody(request.stream(), [](const char*, std::size_t) {});
    } catch (const std::exception&) {  // the answer is tried all the same
    }
  }

  void releaseSlot() {
    if (!admission_.slot) return;
    admission_.slot = false;
    --server_.active_;
  }

  // Streams exactly Content-Length bytes into `sink`; false when the client stopped
  // early or the request took longer than the time limit.
  bool readBody(std::istream& in, const std::function<void(const char*, std::size_t)>& sink) const {
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::seconds(server_.settings_.requestTimeoutSeconds);
    std::vector<char> buffer(kChunk);
    auto left = static_cast<std::uint64_t>(admission_.length);
    while (left > 0) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      const auto want = static_cast<std::streamsize>(std::min<std::uint64_t>(left, kChunk));
      try {
        in.read(buffer.data(), want);
      } catch (const Poco::Exception&) {
        return false;
      }
      const auto got = in.gcount();
      if (got <= 0) return false;
      sink(buffer.data(), static_cast<std::size_t>(got));
      left -= static_cast<std::uint64_t>(got);
    }
    return true;
  }

  ReceiverServer& server_;
  Admission admission_;
  bool bodyRead_ = false;
};

class ReceiverServer::Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(ReceiverServer& server) : server_(server) {}

  Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest& request) override {
    Admission a = admit(request);
    if (a.status != HTTPResponse::HTTP_OK) {
      // A non-OK status keeps Poco from sending "100 Continue": the client sends no body.
      static_cast<const Poco::Net::HTTPServerRequestImpl&>(request).response().setStatus(a.status);
    }
    return new Handler(server_, std::move(a));
  }

 private:
  Admission admit(const HTTPServerRequest& request) const {
    Admission a;
    a.length = request.hasContentLength() ? request.getContentLength64() : -1;
    const std::string& uri = request.getURI();
    const std::string peer = request.clientAddress().toString();
    auto refuse = [&](HTTPResponse::HTTPStatus status, const std::string& message) {
      a.status = status;
      a.message = message;
      return a;
    };
    const std::string der = peerCertificateDer(request);
    const std::string* client = der.empty() ? nullptr : server_.allow_.find(der);
    if (client == nullptr)
      return refuse(
          HTTPResponse::HTTP_FORBIDDEN,
          "client " + peer + ": certificate " +
              (der.empty() ? std::string("missing") : "SHA-256 " + trust::fingerprint(der)) +
              " is not on the receiver's allow-list");
    a.client = *client;
    if (request.getMethod() != "PUT" || uri.rfind(kPrefix, 0) != 0 ||
        !package::isValidPackageId(uri.substr(std::char_traits<char>::length(kPrefix))))
      return refuse(HTTPResponse::HTTP_BAD_REQUEST,
                    "'" + a.client + "': only PUT /packages/<package-id> is served");
    a.packageId = uri.substr(std::char_traits<char>::length(kPrefix));
    if (a.length < 0)
      return refuse(HTTPResponse::HTTP_BAD_REQUEST,
                    "package " + a.packageId + " from '" + a.client + "': Content-Length needed");
    if (static_cast<std::uint64_t>(a.length) > server_.settings_.maxPackageBytes)
      return refuse(HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE,
                    "package " + a.packageId + " from '" + a.client +
                        "': " + std::to_string(a.length) + " bytes is over the limit of " +
                        std::to_string(server_.settings_.maxPackageBytes));
    int running = server_.active_.load();
    do {
      if (running >= server_.settings_.maxConnections)
        return refuse(HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
                      "package " + a.packageId + " from '" + a.client + "': receiver busy (" +
                          std::to_string(server_.settings_.maxConnections) +
                          " uploads at once); try again later");
    } while (!server_.active_.compare_exchange_weak(running, running + 1));
    a.slot = true;
    return a;
  }

  ReceiverServer& server_;
};

ReceiverServer::ReceiverServer(const ServerSettings& settings, AllowList allow, Inbox& inbox)
    : settings_(settings),
      allow_(std::move(allow)),
      inbox_(inbox),
      // A client certificate that does not chain to the client CA ends the handshake (never
      // a prompt, never accepted).
      reject_(std::make_unique<Poco::Net::RejectCertificateHandler>(true)) {
  requirePrivateFile(settings.serverKey, "receiver server key");
  Poco::Net::Context::Params params;
  params.privateKeyFile = settings.serverKey;
  params.certificateFile = settings.serverCertificate;
  params.caLocation = settings.clientCa;
  // On a server, STRICT requires a client certificate that chains to caLocation.
  params.verificationMode = Poco::Net::Context::VERIFY_STRICT;
  params.loadDefaultCAs = false;
  params.cipherList = "HIGH:!aNULL:!eNULL:!MD5:!RC4:!3DES";
  Poco::Net::Context::Ptr context =
      new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params);
  context->disableProtocols(Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 |
                            Poco::Net::Context::PROTO_TLSV1 | Poco::Net::Context::PROTO_TLSV1_1);
  // Poco would check the client's certificate against the client's IP address (poco#4475);
  // the allow-list decides instead.
  context->enableExtendedCertificateVerification(false);
  // No session cache, but a session id context: without one, OpenSSL fails the handshake of a
  // client that offers to resume a session while client certificates are required.
  context->enableSessionCache(false, "brobyg-receiver");
  Poco::Net::SecureServerSocket socket(context);
  listenExclusively(
      socket, Poco::Net::SocketAddress(settings.host, static_cast<Poco::UInt16>(settings.port)),
      settings.maxConnections + 8);
  port_ = socket.address().port();
  // Two threads beyond the limit answer 503 instead of leaving clients in the queue.
  const int threads = settings.maxConnections + 2;
  pool_ = std::make_unique<Poco::ThreadPool>(1, threads);
  auto* params2 = new Poco::Net::HTTPServerParams;
  params2->setMaxThreads(threads);
  params2->setMaxQueued(settings.maxConnections);
  params2->setTimeout(Poco::Timespan(static_cast<long>(settings.requestTimeoutSeconds), 0));
  params2->setKeepAlive(false);
  server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(*this), *pool_, socket, params2);
  server_->start();
}

ReceiverServer::~ReceiverServer() {
  try {
    stop();
  } catch (...) {
    // A destructor cannot report; stop() already logged what it could.
  }
}

void ReceiverServer::stop() {
  if (stopped_) return;
  stopped_ = true;
  server_->stopAll(true);
  pool_->joinAll();
}

}  // namespace brobyg::receiver
