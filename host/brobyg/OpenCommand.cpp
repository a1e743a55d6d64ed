#include <filesystem>
#include <ostream>

#include "Commands.h"
#include "package/Packager.h"
#include "trust/SendersFile.h"
#include "util/Error.h"
#include "util/Utf8Path.h"

namespace brobyg::cli {

namespace {

// The signers the evaluator accepts, per municipality: `--trust KOMMUNEKODE=CERT` (repeated)
// and `--senders FILE`, together or alone.
trust::SenderPins senderPins(const Invocation& in) {
  trust::SenderPins pins;
  try {
    for (const std::string& value : in.all("trust")) trust::addTrustOption(pins, value);
  } catch (const Error& e) {
    throw UsageError(e.what());
  }
  if (in.has("senders")) trust::loadSendersFile(in.require("senders"), pins);
  if (pins.empty())
    throw UsageError(
        "'open' needs the municipalities it accepts: --trust KOMMUNEKODE=CERT.pem "
        "(repeatable) or --senders FILE");
  return pins;
}

}  // namespace

int openCommand(const Invocation& in, std::ostream& out) {
  package::PackageOpenRequest request;
  request.packagePath = in.require("package");
  request.recipientCertPath = in.require("cert");
  request.recipientKeyPath = in.require("key");
  const trust::SenderPins pins = senderPins(in);
  request.senders = &pins;
  request.outputDir = in.require("out");
  request.workDir = request.outputDir + ".work";
  // The opener removes its temp files whatever happens; the folder goes too.
  struct RemoveWorkDir {
    std::string dir;
    ~RemoveWorkDir() {
      std::error_code ec;
      std::filesystem::remove(pathFromUtf8(dir), ec);
    }
  } removeWorkDir{request.workDir};
  package::OpenedPackage opened = package::openPackage(request);
  const package::Manifest& m = opened.manifest;
  out << "package " << m.packageId << " from " << m.producerName << " ("
      << m.producerMunicipalityCode << "), signed by " << opened.signerSubject << " (SHA-256 "
      << opened.signerFingerprint << "), the sender pinned for " << m.producerMunicipalityCode
      << "\n"
      << "project " << m.recipientProjectId << ", key id " << m.keyId << ", agreement "
      << m.agreementId << " (expires " << m.agreementExpires << ")\n";
  // The producer's register head when it made the package: a witness of its disclosure
  // register, which `brobyg audit witness` checks (docs/evaluator-guide.md).
  if (m.registerHead)
    out << "disclosure register head at packing: entry " << m.registerHead->seq << ", hash "
        << m.registerHead->hash << "\n";
  for (const auto& f : m.files)
    out << "  " << f.fileName << ": " << f.rows << " rows, sha256 verified\n";
  out << "unpacked into " << request.outputDir << "\n";
  return 0;
}

}  // namespace brobyg::cli
