#include "trust/SenderPins.h"

#include "util/Error.h"
#include "util/MunicipalityCode.h"

namespace brobyg::trust {

namespace {

std::string canonical(const std::string& municipality, const std::string& origin) {
  auto code = canonicalMunicipality(municipality);
  if (!code)
    throw Error(origin +
                ": the municipality must be a kommunekode of 3 digits (or 4 with a "
                "leading 0)");
  return std::string(*code);
}

}  // namespace

void SenderPins::pinCertificate(const std::string& municipality, const std::string& certDer,
                                const std::string& origin) {
  SenderPin pin;
  pin.sha256 = fingerprint(certDer);
  pin.origin = origin;
  pins_[canonical(municipality, origin)].push_back(std::move(pin));
}

void SenderPins::pinIssuer(const std::string& municipality, const std::string& caDer,
                           const std::string& subject, const std::string& origin) {
  if (subject.empty()) throw Error(origin + ": the expected subject is empty");
  SenderPin pin;
  pin.pinnedCertificate = false;
  pin.caDer = caDer;
  pin.subject = subject;
  pin.origin = origin;
  pins_[canonical(municipality, origin)].push_back(std::move(pin));
}

std::vector<std::string> SenderPins::municipalities() const {
  std::vector<std::string> codes;
  for (const auto& [code, pins] : pins_) codes.push_back(code);
  return codes;
}

bool SenderPins::matches(const SenderPin& pin, const SignerCertificates& signer) {
  if (pin.pinnedCertificate) return fingerprint(signer.signerDer) == pin.sha256;
  return subjectOf(signer.signerDer) == pin.subject;
}

void SenderPins::check(const std::string& municipality, const SignerCertificates& signer) const {
  auto code = canonicalMunicipality(municipality);
  auto it = code ? pins_.find(std::string(*code)) : pins_.end();
  if (it == pins_.end())
    throw Error("producer " + municipality + " is not a pinned sender (signed by " +
                describe(signer.signerDer) + ")");
  const std::string what = "producer " + std::string(*code);
  for (const SenderPin& pin : it->second) {
    if (!matches(pin, signer)) continue;
    // Identity matched; the certificate must also be usable now (and, for an issuer pin,
    // issued by that CA and no other).
    if (pin.pinnedCertificate)
      requireValidNow(signer.signerDer, what);
    else
      requireChainTo(signer.signerDer, signer.othersDer, pin.caDer, what);
    return;
  }
  throw Error(what + ": signer " + describe(signer.signerDer) +
              " is not the certificate pinned for this producer");
}

void addTrustOption(SenderPins& pins, const std::string& value) {
  const std::size_t eq = value.find('=');
  const std::string code = eq == std::string::npos ? std::string() : value.substr(0, eq);
  if (!canonicalMunicipality(code) || eq + 1 == value.size())
    throw Error("--trust " + value +
                ": give the municipality the certificate signs for, as --trust "
                "KOMMUNEKODE=CERT.pem (e.g. --trust 0101=kommune.crt), or pin senders with "
                "--senders FILE; a certificate alone would accept any producer");
  const std::string path = value.substr(eq + 1);
  pins.pinCertificate(code, readPemCertificate(path), path);
}

void requirePinnedSigner(const std::string& pinnedPemPath, const SignerCertificates& signer) {
  const std::string pinned = readPemCertificate(pinnedPemPath);
  if (fingerprint(signer.signerDer) != fingerprint(pinned))
    throw Error("signer " + describe(signer.signerDer) + " is not the pinned sender " +
                pinnedPemPath + " (" + describe(pinned) + ")");
  requireValidNow(signer.signerDer, pinnedPemPath);
}

}  // namespace brobyg::trust
