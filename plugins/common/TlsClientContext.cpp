#include "TlsClientContext.h"

#include <brobyg_plugin.hpp>

#include <Poco/Exception.h>

namespace brobyg::files {

Poco::Net::Context::Ptr tlsClientContext(const std::string& caFile, const std::string& caSetting) {
  Poco::Net::Context::Params params;
  params.caLocation = caFile;
  // STRICT: Poco skips the host-name check for localhost in every other mode (poco#4294).
  params.verificationMode = Poco::Net::Context::VERIFY_STRICT;
  params.loadDefaultCAs = false;  // only the configured CA (poco#1936)
  try {
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    context->enableExtendedCertificateVerification(true);  // the host-name check (poco#4736)
    return context;
  } catch (const Poco::Exception&) {
    throw sdk::Error("setting " + caSetting + ": cannot be read as PEM CA certificates");
  }
}

}  // namespace brobyg::files
