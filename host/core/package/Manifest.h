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

// A file of the codebook shipped beside the datasets (codebook.xml, .csv, .html).
struct ManifestCodebook {
  std::string fileName;
  std::string sha256;
  std::uint64_t bytes = 0;
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
  std::vector<ManifestCodebook> codebooks;  // in package order; may be empty

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
