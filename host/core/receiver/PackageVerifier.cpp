#include "receiver/PackageVerifier.h"

#include "package/InputFile.h"
#include "package/Packager.h"
#include "package/TempFiles.h"
#include "util/Error.h"
#include "util/FileSecurity.h"

namespace brobyg::receiver {

PackageVerifier::PackageVerifier(std::string decryptionCertificate, std::string decryptionKey,
                                 trust::SenderPins senders, std::string workDir,
                                 std::uint64_t maxPackageBytes)
    : certificate_(std::move(decryptionCertificate)),
      key_(std::move(decryptionKey)),
      senders_(std::move(senders)),
      workDir_(std::move(workDir)),
      maxPackageBytes_(maxPackageBytes) {}

void PackageVerifier::check(const std::string& path, const std::string& packageId) const {
  package::TempFiles temp;
  const std::string work = temp.add(package::uniqueName(workDir_, "check", ""));
  createPrivateDirectory(work);
  package::PackageOpenRequest request;
  request.packagePath = path;
  request.recipientCertPath = certificate_;
  request.recipientKeyPath = key_;
  request.senders = &senders_;
  request.workDir = work;
  request.outputDir = work + "/open";
  request.maxPackageBytes = maxPackageBytes_;
  package::InputFile in(path);
  const package::OpenedPackage opened = package::openPackage(request, in);
  if (opened.manifest.packageId != packageId)
    throw Error("package " + packageId + ": its manifest names another package id (" +
                opened.manifest.packageId + ")");
}

}  // namespace brobyg::receiver
