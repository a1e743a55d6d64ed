// PUTs one package file to the receiver over HTTPS with the municipality's client
// certificate, streamed from disk (never held in memory) with its Content-Length, and returns
// the receiver's answer: the receipt. The receiver's certificate must chain to ca_file and
// name the URL's host (files::tlsClientContext); a certificate refused there ends the
// connection before a byte of the package is sent.
#pragma once

#include "HttpsConfig.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/RejectCertificateHandler.h>

#include <cstdint>
#include <memory>
#include <string>

namespace brobyg::https {

class HttpsUpload {
 public:
  // Reads no file yet: the CA, certificate and key are loaded at the first check() or
  // deliver(), which throw sdk::Error naming the setting when one cannot be used.
  explicit HttpsUpload(HttpsConfig config);
  ~HttpsUpload();
  HttpsUpload(const HttpsUpload&) = delete;
  HttpsUpload& operator=(const HttpsUpload&) = delete;

  // Sends `path` (`size` bytes) to <url>packages/<packageId> and returns the receipt.
  // Idempotent by package id: the receiver answers a repeat with the same receipt. Throws
  // sdk::RetryLater when another try may succeed (unreachable, timed out, dropped, busy) and
  // sdk::Error when it would not (certificate refused, the receiver refused the package).
  std::string deliver(const std::string& path, const std::string& packageId,
                      std::uint64_t size) const;

  // Connects (a receiver that cannot be reached: sdk::RetryLater), then loads the
  // certificates and completes the TLS handshake (both certificates) without sending anything.
  void check() const;

  const HttpsConfig& config() const { return config_; }

 private:
  std::string exchange(const std::string& path, const std::string& target,
                       std::uint64_t size) const;

  Poco::Net::Context::Ptr context() const;

  HttpsConfig config_;
  mutable Poco::Net::Context::Ptr context_;
  std::unique_ptr<Poco::Net::RejectCertificateHandler> reject_;
};

}  // namespace brobyg::https
