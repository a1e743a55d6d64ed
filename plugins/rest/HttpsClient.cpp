#include "HttpsClient.h"

#include "Url.h"

#include <common/TlsClientContext.h>
#include <common/TlsFailure.h>

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>

#include <array>
#include <istream>

namespace brobyg::rest {
namespace {

using files::reasonOf;

// Runs `f`, turning Poco's exceptions into NetworkError (worth another try) or sdk::Error (a
// refused certificate: another try gets the same answer; files::tlsRefusedForGood tells them
// apart). Messages show the URL redacted.
template <typename F>
auto translated(const Poco::URI& uri, F&& f) -> decltype(f()) {
  const std::string where = redacted(uri);
  try {
    return f();
  } catch (const Poco::Net::SSLException& e) {
    if (!files::tlsRefusedForGood(e))
      throw NetworkError("TLS connection to " + where + " broke off: " + reasonOf(e));
    throw sdk::Error("TLS with " + where + " failed, server refused: " + reasonOf(e) +
                     " (setting ca_file, and the URL's host name)");
  } catch (const Poco::TimeoutException&) {
    throw NetworkError("no answer from " + where + " within the timeout");
  } catch (const Poco::Net::NetException& e) {
    throw NetworkError("cannot reach " + where + ": " + reasonOf(e));
  } catch (const Poco::IOException& e) {
    throw NetworkError("connection to " + where + " failed: " + reasonOf(e));
  } catch (const Poco::Exception& e) {
    throw NetworkError("request to " + where + " failed: " + reasonOf(e));
  }
}

}  // namespace

HttpsClient::HttpsClient(const std::string& caFile, std::chrono::seconds timeout,
                         std::size_t maxResponseBytes)
    : context_(files::tlsClientContext(caFile)),
      // Registered with Poco's SSLManager for this client's lifetime: a certificate the chain
      // check refuses stays refused whatever else the process registered (poco#1079).
      reject_(std::make_unique<Poco::Net::RejectCertificateHandler>(false)),
      timeout_(timeout),
      maxResponseBytes_(maxResponseBytes) {}

HttpsClient::~HttpsClient() = default;

HttpResponse HttpsClient::send(const Poco::URI& uri, const HttpRequest& request) const {
  return translated(uri, [&] { return exchange(uri, request); });
}

HttpResponse HttpsClient::exchange(const Poco::URI& uri, const HttpRequest& request) const {
  // Constructed with the host name: setHost() afterwards would leave the peer name unset and
  // check the certificate against the IP address (poco#1303).
  Poco::Net::HTTPSClientSession session(uri.getHost(), uri.getPort(), context_);
  session.setTimeout(Poco::Timespan(static_cast<long>(timeout_.count()), 0));
  Poco::Net::HTTPRequest out(request.method, uri.getPathEtc(), Poco::Net::HTTPMessage::HTTP_1_1);
  out.set("Accept", "application/json");
  out.set("User-Agent", "brobyg-rest/1.0");
  if (!request.authorization.empty()) out.set("Authorization", request.authorization);
  if (request.method == Poco::Net::HTTPRequest::HTTP_POST) {
    out.setContentType("application/x-www-form-urlencoded");
    out.setContentLength(static_cast<std::streamsize>(request.form.size()));
  }
  session.sendRequest(out) << request.form;

  Poco::Net::HTTPResponse answer;
  std::istream& in = session.receiveResponse(answer);
  HttpResponse response;
  response.status = static_cast<int>(answer.getStatus());
  response.retryAfter = answer.get("Retry-After", "");
  const std::string tooLarge = "the response from " + redacted(uri) +
                               " is larger than max_response_bytes (" +
                               std::to_string(maxResponseBytes_) + ")";
  if (answer.hasContentLength() &&
      answer.getContentLength64() > static_cast<Poco::Int64>(maxResponseBytes_))
    throw sdk::Error(tooLarge);
  std::array<char, 65536> buffer{};
  while (in) {
    in.read(buffer.data(), buffer.size());
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) break;
    if (response.body.size() + got > maxResponseBytes_) throw sdk::Error(tooLarge);
    response.body.append(buffer.data(), got);
  }
  if (in.bad()) throw NetworkError("the response from " + redacted(uri) + " broke off");
  return response;
}

void HttpsClient::handshake(const Poco::URI& uri) const {
  translated(uri, [&] {
    Poco::Net::SecureStreamSocket socket(context_);
    socket.setPeerHostName(uri.getHost());  // SNI and the host-name check
    const Poco::Timespan timeout(static_cast<long>(timeout_.count()), 0);
    socket.connect(Poco::Net::SocketAddress(uri.getHost(), uri.getPort()), timeout);
    socket.setReceiveTimeout(timeout);
    socket.setSendTimeout(timeout);
    socket.completeHandshake();
    socket.close();
    return 0;
  });
}

}  // namespace brobyg::rest
