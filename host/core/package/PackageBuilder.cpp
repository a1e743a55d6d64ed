#include <filesystem>
#include <future>

#include "package/Cms.h"
#include "package/PackageId.h"
#include "package/Packager.h"
#include "package/TempFiles.h"
#include "package/ZipCheck.h"
#include "package/ZipWriter.h"
#include "util/AtomicFile.h"
#include "util/Error.h"
#include "util/FileSecurity.h"
#include "util/Utf8Path.h"

namespace brobyg::package {
namespace fs = std::filesystem;

namespace {

// Checks the caller's part of the manifest before hours of zipping, with a stand-in file.
void checkRequest(const PackageBuildRequest& r) {
  if (r.datasets.empty()) throw Error("package: no dataset files to package");
  if (r.recipientCertPaths.empty()) throw Error("package: no recipient certificates");
  if (r.workDir.empty() || r.outputPath.empty()) throw Error("package: work dir/output unset");
  std::error_code ec;
  if (fs::exists(pathFromUtf8(r.outputPath), ec))
    throw Error(r.outputPath + ": package file exists already; it is never overwritten");
  Manifest probe = r.manifest;
  probe.files.clear();
  for (const DatasetFileInput& d : r.datasets)
    probe.files.push_back(
        {d.entryName, d.dataset, d.schemaVersion, d.format, d.rows, std::string(64, '0'), 0});
  probe.codebooks.clear();
  for (const PackageExtraFile& f : r.codebook)
    probe.codebooks.push_back(ManifestCodebook{f.entryName, std::string(64, '0'), 0});
  probe.reports.clear();
  for (const PackageExtraFile& f : r.reports)
    probe.reports.push_back(ManifestCodebook{f.entryName, std::string(64, '0'), 0});
  validateManifest(probe);
}

ManifestFile zipDataset(ZipWriter& zip, const DatasetFileInput& d, int level) {
  ZipEntryDigest digest;
  if (d.deflated) {
    zip.addDeflated(d.entryName, d.path, *d.deflated, level);
    digest = *d.deflated;
  } else {
    digest = zip.addFile(d.entryName, d.path, level);
  }
  return {d.entryName, d.dataset, d.schemaVersion, d.format, d.rows, digest.sha256, digest.size};
}

}  // namespace

PackageBuilder::PackageBuilder(PackageBuildRequest request) : request_(std::move(request)) {}

PackageBuildResult PackageBuilder::build() const {
  const PackageBuildRequest& r = request_;
  checkRequest(r);
  createPrivateDirectory(r.workDir);
  TempFiles temps;
  const std::string& id = r.manifest.packageId;
  const std::string zipPath = temps.add(uniqueName(r.workDir, id, ".zip"));

  Manifest manifest = r.manifest;
  manifest.files.clear();
  manifest.codebooks.clear();
  manifest.reports.clear();
  std::string xml;
  std::vector<WrittenEntry> written;
  {
    // The ZIP and the signed file are scratch: a crash before staging rebuilds them.
    AtomicFile out(zipPath, true, Durability::Scratch);
    ZipWriter zip(out, {parseIsoUtc(manifest.created), false, r.workers});
    for (const DatasetFileInput& d : r.datasets)
      manifest.files.push_back(zipDataset(zip, d, r.compressionLevel));
    auto addExtra = [&](const std::vector<PackageExtraFile>& files,
                        std::vector<ManifestCodebook>& listed) {
      for (const PackageExtraFile& f : files) {
        ZipEntryDigest digest = zip.addBytes(f.entryName, f.content, r.compressionLevel);
        listed.push_back(ManifestCodebook{f.entryName, digest.sha256, digest.size});
      }
    };
    addExtra(r.codebook, manifest.codebooks);
    addExtra(r.reports, manifest.reports);
    xml = toXml(manifest);
    zip.addBytes(kManifestEntryName, xml, r.compressionLevel);
    zip.finish();
    written = zip.written();
    out.commit();
  }
  // Every entry's SHA-256 was computed once, from the source bytes, in the pass that also
  // took the CRC-32 the re-read checks (CHECKLIST "ZIP", docs/architecture.md §6). With two
  // workers the check reads the ZIP beside the signing; the package file appears only after
  // it passed. (A future's destructor waits, so the check never outlives `written`.)
  std::future<void> check;
  if (r.workers > 1)
    check = std::async(std::launch::async, [&] { checkWrittenZip(zipPath, written); });
  else
    checkWrittenZip(zipPath, written);
  FileDigest digest = signAndEnvelopeFile(zipPath, r.outputPath, r.signerCertPath, r.signerKeyPath,
                                          r.recipientCertPaths, [&check] {
                                            if (check.valid()) check.get();
                                          });

  PackageBuildResult result;
  result.packageId = id;
  result.path = r.outputPath;
  result.sha256 = digest.sha256;
  result.bytes = digest.bytes;
  result.manifest = std::move(manifest);
  return result;
}

}  // namespace brobyg::package
