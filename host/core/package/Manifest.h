#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace brobyg::package {

inline constexpr const char* kManifestNamespace = "urn:brobyg:manifest:1";
inline constexpr const char* kManifestEntryName = "manifest.xml";

// One dataset file in a package.
struct ManifestFile {
  std::string fileName;       // entry name in the ZIP
  std::string dataset;        // e.g. absence_event
  std::string schemaVersion;  // e.g. 1
  std::string format;         // csv | xml
  std::uint64_t rows = 0;     // data records (CSV: without the header; XML: root's children)
  std::string sha256;         // lowercase hex of the file's bytes
  std::uint64_t bytes = 0;
};

// A file shipped beside the datasets: the codebook's (codebook.xml, .csv, .html) or a report's
// (risk_report.xml, .csv).
struct ManifestCodebook {
  std::string fileName;
  std::string sha256;
  std::uint64_t bytes = 0;
};

// One pull of a source whose rows are in the package. The cursors are given as their
// fingerprints (first 16 hex digits of the SHA-256 of the cursor text; empty: none), which
// tell the evaluator whether packages follow each other without a gap: a source's `cursorTo`
// in one package is its `cursorFrom` in the next. The cursors themselves stay home (they may
// name files or keys of the municipality's systems).
struct ManifestSource {
  std::string id;       // the source's id in the configuration
  std::string plugin;   // e.g. csv, sql
  std::string dataset;  // the dataset it was pulled for
  std::string cursorFrom;
  std::string cursorTo;
  std::uint64_t rows = 0;  // records the source handed over (kept, rejected or duplicates)
};

// The producer's disclosure register head when the package was made (issue 16 #5): a witness
// the evaluator holds of the register's chain. Sequence 0 and 64 zeros: the register was empty.
struct ManifestRegisterHead {
  std::uint64_t seq = 0;
  std::string hash;  // 64 lowercase hex
};

// manifest.xml (DESIGN §6; schemas/manifest.xsd). Dates are yyyy-mm-dd, `created` is UTC
// ISO 8601 (yyyy-mm-ddThh:mm:ssZ).
struct Manifest {
  std::string packageId;
  std::string created;
  std::string softwareVersion;
  std::string producerMunicipalityCode;  // kommunekode, 3 digits
  std::string producerName;
  std::string recipientProjectId;
  std::string agreementId;       // legal basis: data processing / disclosure agreement
  std::string agreementExpires;  // yyyy-mm-dd
  std::string periodFrom;        // may be empty
  std::string periodTo;          // may be empty
  std::string keyId;             // 16 lowercase hex: the pseudonymisation key's id
  std::vector<ManifestFile> files;
  std::vector<ManifestSource> sources;               // in pull order; may be empty
  std::vector<ManifestCodebook> codebooks;           // in package order; may be empty
  std::vector<ManifestCodebook> reports;             // the risk report's files; may be empty
  std::optional<ManifestRegisterHead> registerHead;  // absent in packages from before it

  // The codebook's files, then the reports': every file beside the datasets.
  std::vector<const ManifestCodebook*> extraFiles() const;

  const ManifestFile* findFile(const std::string& fileName) const;
};

// Serialises to UTF-8 XML. Throws brobyg::Error when a field breaks the schema's rules
// (so that a package never carries a manifest its own XSD rejects).
std::string toXml(const Manifest& manifest);
// Parses and checks the same rules. Throws brobyg::Error saying what is wrong.
Manifest parseManifest(const std::string& xml);
// Throws brobyg::Error on the first field that breaks the schema's rules.
void validateManifest(const Manifest& manifest);

}  // namespace brobyg::package
