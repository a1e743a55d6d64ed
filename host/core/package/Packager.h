#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "package/Cms.h"
#include "package/Manifest.h"
#include "package/ZipWriter.h"
#include "trust/SenderPins.h"

namespace brobyg::package {

// A dataset file to put into a package.
struct DatasetFileInput {
  std::string path;       // the file on disk
  std::string entryName;  // its name in the ZIP and the manifest
  std::string dataset;    // e.g. absence_event
  std::string schemaVersion;
  std::string format;  // csv | xml
  std::uint64_t rows = 0;
  // Set when `path` holds the file deflated while it was written (DeflatedFile, at the
  // package's level): its raw deflate stream, which goes into the ZIP as it is.
  std::optional<ZipEntryDigest> deflated;
};

// A file made in memory that goes into the package beside the datasets (the codebook's).
struct PackageExtraFile {
  std::string entryName;
  std::string content;
};

struct PackageBuildRequest {
  // Header fields, packageId included (the caller makes it with newPackageId() and stores it
  // before building). `files` and `codebooks` are filled in by the builder.
  Manifest manifest;
  std::vector<DatasetFileInput> datasets;
  // The codebook of the datasets (dataset::makeCodebook: XML, CSV and HTML); may be empty.
  std::vector<PackageExtraFile> codebook;
  // The risk report (risk::reportFiles: XML and CSV); may be empty.
  std::vector<PackageExtraFile> reports;
  int compressionLevel = 6;  // 0 store, 1-9 deflate
  std::string signerCertPath;
  std::string signerKeyPath;
  std::vector<std::string> recipientCertPaths;
  std::string workDir;     // intermediate files (created 0700 if missing); same disk as output
  std::string outputPath;  // must not exist yet
  // Threads (the job's <output workers>): with 2, entries deflate in parallel and the ZIP
  // check runs beside the signing. The package's bytes do not depend on it.
  int workers = 1;
};

struct PackageBuildResult {
  std::string packageId;
  std::string path;
  std::uint64_t bytes = 0;
  std::string sha256;  // of the final (enveloped) file
  Manifest manifest;
};

// Builds a package (DESIGN §6): ZIP of the datasets, codebook and manifest.xml (written last,
// with the hashes computed while zipping), re-read and checked entry by entry against the
// manifest (CHECKLIST "ZIP"), CMS-signed and enveloped for every recipient in one pass into
// `outputPath` (atomic, fsynced; it appears only when the check passed). Intermediates are
// removed whatever happens.
class PackageBuilder {
 public:
  explicit PackageBuilder(PackageBuildRequest request);
  PackageBuildResult build() const;

 private:
  PackageBuildRequest request_;
};

// What the files of a package may add up to once unpacked (the sum of the manifest's `bytes`),
// checked before anything is extracted: deflate turns a small package into a large folder.
inline constexpr std::uint64_t kDefaultMaxUnpackedBytes = 16ull << 30;

struct PackageOpenRequest {
  std::string packagePath;
  std::string recipientCertPath;
  std::string recipientKeyPath;
  // Who may sign for which producer (required): the signer must match a pin of the
  // manifest's producer.
  const trust::SenderPins* senders = nullptr;
  std::string workDir;    // temp files (created 0700 if missing)
  std::string outputDir;  // must not exist yet; appears complete or not at all
  std::uint64_t maxPackageBytes = kDefaultMaxPackageBytes;
  std::uint64_t maxUnpackedBytes = kDefaultMaxUnpackedBytes;
};

struct OpenedPackage {
  Manifest manifest;
  std::string signerSubject;      // RFC 2253
  std::string signerFingerprint;  // SHA-256 of the signer certificate's DER, hex
};

// Decrypts (to a temp file), verifies the signature, reads the manifest, accepts the signer
// only if it matches a pin of the manifest's producer, checks the unpacked total against the
// cap, unzips into a staging folder beside `outputDir`, checks every file's SHA-256, size and
// row count against the manifest, and only then renames the staging folder to `outputDir`.
// Any failure leaves no output. The package is read through one open file (`package`; the
// first overload opens request.packagePath).
OpenedPackage openPackage(const PackageOpenRequest& request);
OpenedPackage openPackage(const PackageOpenRequest& request, InputFile& package);

}  // namespace brobyg::package
