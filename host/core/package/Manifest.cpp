#include "package/Manifest.h"

#include <pugixml.hpp>

#include <charconv>
#include <chrono>
#include <regex>
#include <set>
#include <sstream>

#include "package/PackageId.h"
#include "package/ZipFormat.h"
#include "util/Error.h"

namespace brobyg::package {

namespace {

// The same rules as schemas/manifest.xsd; keep the two in step.
const std::regex kDate("[0-9]{4}-[0-9]{2}-[0-9]{2}");
const std::regex kDateTime("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");
const std::regex kMunicipality("[0-9]{3}");
const std::regex kIdentifier("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
const std::regex kVersion("[0-9A-Za-z][0-9A-Za-z.+~-]{0,63}");
const std::regex kDataset("[a-z][a-z0-9_]{0,63}");
const std::regex kSchemaVersion("[0-9]+(\\.[0-9]+){0,2}");
const std::regex kFileName(
    "[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}(/[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}){0,7}");
const std::regex kSha256("[0-9a-f]{64}");
const std::regex kKeyId("[0-9a-f]{16}");

[[noreturn]] void invalid(const std::string& field, const std::string& value,
                          const std::string& rule) {
  throw Error("manifest: " + field + " '" + value + "' is not " + rule);
}

void require(const std::string& field, const std::string& value, const std::regex& pattern,
             const std::string& rule) {
  if (!std::regex_match(value, pattern)) invalid(field, value, rule);
}

void requireDate(const std::string& field, const std::string& value) {
  require(field, value, kDate, "a date yyyy-mm-dd");
  std::chrono::year_month_day ymd{std::chrono::year{std::stoi(value.substr(0, 4))},
                                  std::chrono::month{unsigned(std::stoi(value.substr(5, 2)))},
                                  std::chrono::day{unsigned(std::stoi(value.substr(8, 2)))}};
  if (!ymd.ok()) invalid(field, value, "a calendar date");
}

void requireText(const std::string& field, const std::string& value, std::size_t maxLength) {
  if (value.empty() || value.size() > maxLength)
    invalid(field, value, "1-" + std::to_string(maxLength) + " characters");
  if (value.front() == ' ' || value.back() == ' ') invalid(field, value, "trimmed text");
  for (char c : value)
    if (static_cast<unsigned char>(c) < 0x20) invalid(field, value, "free of control characters");
}

void requireFileName(const std::string& field, const std::string& value) {
  require(field, value, kFileName, "a safe relative file name");
  if (!zip::isSafeEntryName(value) || value == kManifestEntryName)
    invalid(field, value, "a safe relative file name other than manifest.xml");
}

std::uint64_t parseCount(const std::string& field, const char* text) {
  std::string_view s(text);
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size())
    invalid(field, std::string(s), "a non-negative integer");
  return value;
}

pugi::xml_node child(pugi::xml_node parent, const char* name, bool required = true) {
  pugi::xml_node node = parent.child(name);
  if (!node && required) throw Error(std::string("manifest: missing element ") + name);
  return node;
}

std::string attr(pugi::xml_node node, const char* name) {
  pugi::xml_attribute a = node.attribute(name);
  if (!a) throw Error(std::string("manifest: <") + node.name() + "> lacks attribute " + name);
  return a.value();
}

}  // namespace

const ManifestFile* Manifest::findFile(const std::string& fileName) const {
  for (const ManifestFile& f : files)
    if (f.fileName == fileName) return &f;
  return nullptr;
}

void validateManifest(const Manifest& m) {
  if (!isValidPackageId(m.packageId))
    invalid("packageId", m.packageId, "yyyymmddThhmmssZ-<16 hex>");
  require("created", m.created, kDateTime, "UTC yyyy-mm-ddThh:mm:ssZ");
  require("softwareVersion", m.softwareVersion, kVersion, "a version string");
  require("producer municipalityCode", m.producerMunicipalityCode, kMunicipality,
          "a 3-digit municipality code");
  requireText("producer name", m.producerName, 200);
  require("recipient projectId", m.recipientProjectId, kIdentifier, "an identifier");
  requireText("legalBasis agreementId", m.agreementId, 100);
  requireDate("legalBasis expires", m.agreementExpires);
  if (!m.periodFrom.empty()) requireDate("period from", m.periodFrom);
  if (!m.periodTo.empty()) requireDate("period to", m.periodTo);
  if (!m.periodFrom.empty() && !m.periodTo.empty() && m.periodTo < m.periodFrom)
    invalid("period to", m.periodTo, "on or after period from " + m.periodFrom);
  require("keyId", m.keyId, kKeyId, "16 lowercase hex digits");
  if (m.files.empty()) throw Error("manifest: a package needs at least one dataset file");
  std::set<std::string> names;
  for (const ManifestFile& f : m.files) {
    requireFileName("dataset file", f.fileName);
    if (!names.insert(f.fileName).second) invalid("dataset file", f.fileName, "unique");
    require("dataset name", f.dataset, kDataset, "a dataset name");
    require("schemaVersion", f.schemaVersion, kSchemaVersion, "a schema version");
    if (f.format != "csv" && f.format != "xml") invalid("format", f.format, "csv or xml");
    require("sha256", f.sha256, kSha256, "64 lowercase hex digits");
  }
  if (m.codebook) {
    requireFileName("codebook file", m.codebook->fileName);
    if (names.count(m.codebook->fileName) != 0)
      invalid("codebook file", m.codebook->fileName, "distinct from the dataset files");
    require("codebook sha256", m.codebook->sha256, kSha256, "64 lowercase hex digits");
  }
}

std::string toXml(const Manifest& m) {
  validateManifest(m);
  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  pugi::xml_node root = doc.append_child("manifest");
  root.append_attribute("xmlns") = kManifestNamespace;
  root.append_child("packageId").text() = m.packageId.c_str();
  root.append_child("created").text() = m.created.c_str();
  root.append_child("softwareVersion").text() = m.softwareVersion.c_str();
  pugi::xml_node producer = root.append_child("producer");
  producer.append_attribute("municipalityCode") = m.producerMunicipalityCode.c_str();
  producer.append_attribute("name") = m.producerName.c_str();
  root.append_child("recipient").append_attribute("projectId") = m.recipientProjectId.c_str();
  pugi::xml_node legal = root.append_child("legalBasis");
  legal.append_attribute("agreementId") = m.agreementId.c_str();
  legal.append_attribute("expires") = m.agreementExpires.c_str();
  if (!m.periodFrom.empty() || !m.periodTo.empty()) {
    pugi::xml_node period = root.append_child("period");
    if (!m.periodFrom.empty()) period.append_attribute("from") = m.periodFrom.c_str();
    if (!m.periodTo.empty()) period.append_attribute("to") = m.periodTo.c_str();
  }
  root.append_child("keyId").text() = m.keyId.c_str();
  pugi::xml_node datasets = root.append_child("datasets");
  for (const ManifestFile& f : m.files) {
    pugi::xml_node d = datasets.append_child("dataset");
    d.append_attribute("file") = f.fileName.c_str();
    d.append_attribute("name") = f.dataset.c_str();
    d.append_attribute("schemaVersion") = f.schemaVersion.c_str();
    d.append_attribute("format") = f.format.c_str();
    d.append_attribute("rows") = std::to_string(f.rows).c_str();
    d.append_attribute("bytes") = std::to_string(f.bytes).c_str();
    d.append_attribute("sha256") = f.sha256.c_str();
  }
  if (m.codebook) {
    pugi::xml_node c = root.append_child("codebook");
    c.append_attribute("file") = m.codebook->fileName.c_str();
    c.append_attribute("bytes") = std::to_string(m.codebook->bytes).c_str();
    c.append_attribute("sha256") = m.codebook->sha256.c_str();
  }
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

Manifest parseManifest(const std::string& xml) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed =
      doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) throw Error(std::string("manifest: not well-formed XML: ") + parsed.description());
  pugi::xml_node root = doc.document_element();
  if (std::string(root.name()) != "manifest" ||
      std::string(root.attribute("xmlns").value()) != kManifestNamespace)
    throw Error(std::string("manifest: root must be <manifest xmlns=\"") + kManifestNamespace +
                "\">");
  Manifest m;
  m.packageId = child(root, "packageId").text().get();
  m.created = child(root, "created").text().get();
  m.softwareVersion = child(root, "softwareVersion").text().get();
  pugi::xml_node producer = child(root, "producer");
  m.producerMunicipalityCode = attr(producer, "municipalityCode");
  m.producerName = attr(producer, "name");
  m.recipientProjectId = attr(child(root, "recipient"), "projectId");
  pugi::xml_node legal = child(root, "legalBasis");
  m.agreementId = attr(legal, "agreementId");
  m.agreementExpires = attr(legal, "expires");
  if (pugi::xml_node period = child(root, "period", false)) {
    m.periodFrom = period.attribute("from").value();
    m.periodTo = period.attribute("to").value();
  }
  m.keyId = child(root, "keyId").text().get();
  for (pugi::xml_node d : child(root, "datasets").children("dataset")) {
    ManifestFile f;
    f.fileName = attr(d, "file");
    f.dataset = attr(d, "name");
    f.schemaVersion = attr(d, "schemaVersion");
    f.format = attr(d, "format");
    f.rows = parseCount("rows", attr(d, "rows").c_str());
    f.bytes = parseCount("bytes", attr(d, "bytes").c_str());
    f.sha256 = attr(d, "sha256");
    m.files.push_back(std::move(f));
  }
  if (pugi::xml_node c = child(root, "codebook", false)) {
    ManifestCodebook codebook;
    codebook.fileName = attr(c, "file");
    codebook.bytes = parseCount("codebook bytes", attr(c, "bytes").c_str());
    codebook.sha256 = attr(c, "sha256");
    m.codebook = std::move(codebook);
  }
  validateManifest(m);
  return m;
}

}  // namespace brobyg::package
