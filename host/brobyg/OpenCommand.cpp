#include <filesystem>
#include <ostream>

#include "Commands.h"
#include "package/Packager.h"

namespace brobyg::cli {

int openCommand(const Invocation& in, std::ostream& out) {
  package::PackageOpenRequest request;
  request.packagePath = in.require("package");
  request.recipientCertPath = in.require("cert");
  request.recipientKeyPath = in.require("key");
  request.trustedSignerCertPaths = {in.require("trust")};
  request.outputDir = in.require("out");
  request.workDir = request.outputDir + ".work";
  // The opener removes its temp files whatever happens; the folder goes too.
  struct RemoveWorkDir {
    std::string dir;
    ~RemoveWorkDir() {
      std::error_code ec;
      std::filesystem::remove(dir, ec);
    }
  } removeWorkDir{request.workDir};
  package::OpenedPackage opened = package::openPackage(request);
  const package::Manifest& m = opened.manifest;
  out << "package " << m.packageId << " from " << m.producerName << " ("
      << m.producerMunicipalityCode << "), signed by " << opened.signerSubject << "\n"
      << "project " << m.recipientProjectId << ", key id " << m.keyId << ", agreement "
      << m.agreementId << " (expires " << m.agreementExpires << ")\n";
  for (const auto& f : m.files)
    out << "  " << f.fileName << ": " << f.rows << " rows, sha256 verified\n";
  out << "unpacked into " << request.outputDir << "\n";
  return 0;
}

}  // namespace brobyg::cli
