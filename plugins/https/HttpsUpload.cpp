#include "HttpsUpload.h"

#include "ClientCertificate.h"
#include "ReceiverAnswer.h"

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
#include <Poco/Net/StreamSocket.h>

#include <array>
#include <fstream>
#include <istream>
#include <memory>
#include <ostream>

namespace brobyg::https {
namespace {

using files::reasonOf;

// A receipt is a few kilobytes of PEM; anything much larger is not one.
constexpr std::size_t kMaxAnswerBytes = 1u << 20;

Poco::Timespan seconds(std::chrono::seconds s) {
  return {static_cast<long>(s.count()), 0};
}

// Runs `f`, turning Poco's exceptions into sdk::RetryLater (the network: another try may
// succeed, and a timeout is an unknown outcome the receiver's dedup makes safe to repeat) or
// sdk::Error (a certificate refused: another try gets the same answer).
template <typename F>
auto translated(const std::string& where, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const Poco::Net::SSLException& e) {
    if (files::tlsRefusedForGood(e))
      throw sdk::Error("TLS with " + where + " refused: " + reasonOf(e) +
                       " (check the settings ca_file and certificate, the URL's host name, and "
                       "that the receiver allows this certificate)");
    throw sdk::RetryLater("TLS connection to " + where + " broke off: " + reasonOf(e));
  } catch (const Poco::TimeoutException&) {
    throw sdk::RetryLater("no answer from " + where + " within the timeout");
  } catch (const Poco::Net::NetException& e) {
    throw sdk::RetryLater("cannot reach " + where + ": " + reasonOf(e));
  } catch (const Poco::Exception& e) {
    throw sdk::RetryLater("connection to " + where + " failed: " + reasonOf(e));
  }
}

// Copies exactly `size` bytes of `file` to `out`, whose Poco exceptions (timeout, reset,
// TLS alert) come through; throws sdk::Error when the file is shorter.
void copyExactly(std::istream& file, std::ostream& out, std::uint64_t size,
                 const std::string& path) {
  // libstdc++ would swallow the exception and only set badbit.
  out.exceptions(std::ios::badbit);
  std::array<char, 64 * 1024> buffer{};
  std::uint64_t left = size;
  while (left > 0) {
    const auto want = static_cast<std::streamsize>(std::min<std::uint64_t>(left, buffer.size()));
    file.read(buffer.data(), want);
    if (file.gcount() != want) throw sdk::Error(path + ": shorter than the package's size");
    out.write(buffer.data(), want);
    left -= static_cast<std::uint64_t>(want);
  }
  out.flush();
}

std::string readAnswer(std::istream& in, const std::string& where) {
  std::string body;
  std::array<char, 16 * 1024> buffer{};
  while (in) {
    in.read(buffer.data(), buffer.size());
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) break;
    if (body.size() + got > kMaxAnswerBytes)
      throw sdk::Error(where + " answered with more than 1 MiB: not a receipt");
    body.append(buffer.data(), got);
  }
  if (in.bad()) throw sdk::RetryLater("the answer from " + where + " broke off");
  return body;
}

}  // namespace

HttpsUpload::HttpsUpload(HttpsConfig config)
    : config_(std::move(config)),
      // Registered with Poco's SSLManager for this object's lifetime: a certificate the chain
      // check refuses stays refused whatever else the process registered (poco#1079).
      reject_(std::make_unique<Poco::Net::RejectCertificateHandler>(false)) {}

Poco::Net::Context::Ptr HttpsUpload::context() const {
  if (!context_) {
    Poco::Net::Context::Ptr made = files::tlsClientContext(config_.caFile);
    useClientCertificate(*made, config_.certificate, config_.keyFile, config_.passphrase);
    context_ = made;
  }
  return context_;
}

HttpsUpload::~HttpsUpload() = default;

std::string HttpsUpload::deliver(const std::string& path, const std::string& packageId,
                                 std::uint64_t size) const {
  const std::string target = config_.packagePath(packageId);
  return translated(config_.url(), [&] { return exchange(path, target, size); });
}

std::string HttpsUpload::exchange(const std::string& path, const std::string& target,
                                  std::uint64_t size) const {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw sdk::Error(path + ": cannot open the package file");
  const std::string where = config_.url();
  // Constructed with the host name: setHost() afterwards would leave the peer name unset and
  // check the certificate against the IP address (poco#1303). The TLS handshake (both
  // certificates) completes inside sendRequest, before the request line is written.
  Poco::Net::HTTPSClientSession session(config_.host, config_.port, context());
  session.setTimeout(seconds(config_.connectTimeout), seconds(config_.timeout),
                     seconds(config_.timeout));
  session.setKeepAlive(false);
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_PUT, target,
                                 Poco::Net::HTTPMessage::HTTP_1_1);
  request.setContentType("application/octet-stream");
  request.setContentLength64(static_cast<Poco::Int64>(size));
  request.set("User-Agent", "brobyg-https/1.0");
  std::unique_ptr<Poco::Exception> broken;
  try {
    copyExactly(file, session.sendRequest(request), size, path);
  } catch (const Poco::Exception& e) {
    broken.reset(e.clone());
  }
  Poco::Net::HTTPResponse answer;
  std::istream* in = nullptr;
  try {
    // Also after a broken upload: a receiver that refuses early (413, 403) may have answered
    // before it closed, and that answer says more than the broken connection.
    in = &session.receiveResponse(answer);
  } catch (const Poco::Exception&) {
    if (broken) broken->rethrow();
    throw;
  }
  const std::string body = readAnswer(*in, where);
  const int status = static_cast<int>(answer.getStatus());
  if (broken && status >= 200 && status < 300) broken->rethrow();
  return receiptFrom(status, body, where);
}

void HttpsUpload::check() const {
  translated(config_.url(), [&] {
    // First whether the receiver can be reached at all: one that is down is a retry later,
    // as in deliver(), before the certificates are read (as the sftp plugin connects before
    // it reads its key).
    Poco::Net::StreamSocket probe;
    probe.connect(Poco::Net::SocketAddress(config_.host, config_.port),
                  seconds(config_.connectTimeout));
    probe.close();
    Poco::Net::SecureStreamSocket socket(context());
    socket.setPeerHostName(config_.host);  // SNI and the host-name check
    socket.connect(Poco::Net::SocketAddress(config_.host, config_.port),
                   seconds(config_.connectTimeout));
    socket.setReceiveTimeout(seconds(config_.timeout));
    socket.setSendTimeout(seconds(config_.timeout));
    socket.completeHandshake();
    socket.close();
    return 0;
  });
}

}  // namespace brobyg::https
