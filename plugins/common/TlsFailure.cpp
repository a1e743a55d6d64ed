#include "TlsFailure.h"

namespace brobyg::files {

bool tlsRefusedForGood(const Poco::Net::SSLException& e) {
  if (dynamic_cast<const Poco::Net::CertificateValidationException*>(&e) != nullptr) return true;
  if (dynamic_cast<const Poco::Net::SSLConnectionUnexpectedlyClosedException*>(&e) != nullptr)
    return false;
  const std::string text = reasonOf(e);
  return text.find("certificate") != std::string::npos ||
         text.find("unknown ca") != std::string::npos || text.find("alert") != std::string::npos;
}

std::string reasonOf(const Poco::Exception& e) {
  return e.message().empty() ? e.displayText() : e.message();
}

}  // namespace brobyg::files
