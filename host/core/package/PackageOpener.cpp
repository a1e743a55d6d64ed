#include <filesystem>
#include <set>

#include "package/Cms.h"
#include "package/InputFile.h"
#include "package/Packager.h"
#include "package/RowCounter.h"
#include "package/TempFiles.h"
#include "package/ZipReader.h"
#include "util/AtomicFile.h"
#include "util/Error.h"
#include "util/FileSecurity.h"
#include "util/Utf8Path.h"

namespace brobyg::package {
namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kMaxManifestBytes = 4 * 1024 * 1024;

Manifest readManifest(ZipReader& zip, const std::string& where) {
  const ZipEntryInfo* entry = zip.find(kManifestEntryName);
  if (entry == nullptr) throw Error(where + ": no manifest.xml in the package");
  if (entry->size > kMaxManifestBytes) throw Error(where + ": manifest.xml is too large");
  std::string xml;
  zip.read(*entry, [&](const char* data, std::size_t n) { xml.append(data, n); });
  return parseManifest(xml);
}

// Every entry must be announced by the manifest, and every announced file present.
void checkEntries(const ZipReader& zip, const Manifest& m, const std::string& where) {
  std::set<std::string> announced{kManifestEntryName};
  for (const ManifestFile& f : m.files) announced.insert(f.fileName);
  for (const ManifestCodebook* c : m.extraFiles()) announced.insert(c->fileName);
  std::set<std::string> present;
  for (const ZipEntryInfo& e : zip.entries()) {
    if (announced.count(e.name) == 0)
      throw Error(where + ": entry '" + e.name + "' is not in the manifest");
    if (!present.insert(e.name).second) throw Error(where + ": duplicate entry " + e.name);
  }
  for (const std::string& name : announced)
    if (present.count(name) == 0) throw Error(where + ": " + name + " is missing");
}

// Refused before anything is extracted: the manifest's sizes are what the extraction then
// enforces entry by entry (extractChecked).
void checkUnpackedTotal(const ZipReader& zip, const Manifest& m, std::uint64_t cap,
                        const std::string& where) {
  std::uint64_t total = zip.find(kManifestEntryName)->size;
  auto add = [&](std::uint64_t bytes) {
    total = bytes > cap || total > cap - bytes ? cap + 1 : total + bytes;
  };
  for (const ManifestFile& f : m.files) add(f.bytes);
  for (const ManifestCodebook* c : m.extraFiles()) add(c->bytes);
  if (total > cap)
    throw Error(where + ": the files unpack to more than the limit of " + std::to_string(cap) +
                " bytes");
}

void extractChecked(ZipReader& zip, const std::string& name, const std::string& sha256,
                    std::uint64_t bytes, const std::string& dir, const std::string& where) {
  const ZipEntryInfo* entry = zip.find(name);
  if (entry->size != bytes) throw Error(where + ": " + name + ": size differs from the manifest");
  if (zip.extractTo(*entry, dir) != sha256)
    throw Error(where + ": " + name + ": SHA-256 differs from the manifest");
}

}  // namespace

OpenedPackage openPackage(const PackageOpenRequest& r) {
  InputFile package(r.packagePath);
  return openPackage(r, package);
}

OpenedPackage openPackage(const PackageOpenRequest& r, InputFile& package) {
  const std::string& where = r.packagePath;
  if (r.senders == nullptr || r.senders->empty())
    throw Error(where + ": no senders pinned: nothing could be accepted");
  std::error_code ec;
  if (fs::exists(pathFromUtf8(r.outputDir), ec))
    throw Error(r.outputDir + ": output folder exists already");
  createPrivateDirectory(r.workDir);
  TempFiles temps;
  const std::string stem = utf8FromPath(pathFromUtf8(r.packagePath).filename());
  const std::string signedPath = temps.add(uniqueName(r.workDir, stem, ".signed.cms"));
  const std::string zipPath = temps.add(uniqueName(r.workDir, stem, ".zip"));

  decryptFile(package, signedPath, r.recipientCertPath, r.recipientKeyPath, r.maxPackageBytes);
  // The signer is judged after the manifest names the producer; until then the content stays
  // in the private work folder and nothing from it is extracted.
  trust::SignerCertificates signer = verifySignedFile(
      signedPath, zipPath, [](const trust::SignerCertificates&) {}, r.maxPackageBytes);
  fs::remove(pathFromUtf8(signedPath));

  ZipReader zip(zipPath);
  OpenedPackage opened;
  opened.manifest = readManifest(zip, where);
  try {
    r.senders->check(opened.manifest.producerMunicipalityCode, signer);
  } catch (const Error& e) {
    throw Error(where + ": " + e.what());
  }
  opened.signerSubject = trust::subjectOf(signer.signerDer);
  opened.signerFingerprint = trust::fingerprint(signer.signerDer);
  checkEntries(zip, opened.manifest, where);
  checkUnpackedTotal(zip, opened.manifest, r.maxUnpackedBytes, where);

  const fs::path out = pathFromUtf8(r.outputDir);
  fs::path parent = out.parent_path().empty() ? fs::path(".") : out.parent_path();
  fs::create_directories(parent, ec);
  if (ec) throw Error(parent.string() + ": cannot create folder: " + ec.message());
  const std::string staging =
      temps.add(uniqueName(parent.string(), "." + out.filename().string(), ".partial"));
  createPrivateDirectory(staging);
  for (const ManifestFile& f : opened.manifest.files) {
    extractChecked(zip, f.fileName, f.sha256, f.bytes, staging, where);
    std::uint64_t rows = countRows(joinUtf8(staging, f.fileName), f.format);
    if (rows != f.rows)
      throw Error(where + ": " + f.fileName + " has " + std::to_string(rows) +
                  " rows, the manifest says " + std::to_string(f.rows));
  }
  for (const ManifestCodebook* c : opened.manifest.extraFiles())
    extractChecked(zip, c->fileName, c->sha256, c->bytes, staging, where);
  zip.extractTo(*zip.find(kManifestEntryName), staging);

  durableRename(staging, r.outputDir);
  temps.release(staging);
  return opened;
}

}  // namespace brobyg::package
