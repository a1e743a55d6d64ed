#include "package/Manifest.h"

#include <pugixml.hpp>

#include <charconv>
#include <chrono>
#include <set>
#include <sstream>

#include "package/PackageId.h"
#include "package/TextShape.h"
#include "package/ZipFormat.h"
#include "util/Error.h"

namespace brobyg::package {

namespace {

// The same rules as schemas/manifest.xsd; keep the two in step. Matched by hand, not with
// std::regex, which recurses per character (see package/TextShape.h). Error messages name the
// field, never its value: the value is outside input of any length and content.
constexpr std::size_t kMaxSchemaVersionLength = 32;
constexpr std::size_t kMaxFileNameSegments = 8;

bool isDate(std::string_view v) {
  return matchesShape(v, "9999-99-99");
}
bool isDateTime(std::string_view v) {
  return matchesShape(v, "9999-99-99T99:99:99Z");
}
bool isMunicipality(std::string_view v) {
  return matchesShape(v, "999");
}
bool isLowerHex(std::string_view v, std::size_t length) {
  return v.size() == length && matchesShape(v, std::string(length, 'h'));
}
bool isIdentifier(std::string_view v) {
  return isToken(v, 64, isAsciiAlnum,
                 [](char c) { return isAsciiAlnum(c) || c == '.' || c == '_' || c == '-'; });
}
bool isVersion(std::string_view v) {
  return isToken(v, 64, isAsciiAlnum, [](char c) {
    return isAsciiAlnum(c) || c == '.' || c == '+' || c == '~' || c == '-';
  });
}
bool isDatasetName(std::string_view v) {
  auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  return isToken(v, 64, lower, [&](char c) { return lower(c) || isAsciiDigit(c) || c == '_'; });
}
// [0-9]+(\.[0-9]+){0,2}, at most kMaxSchemaVersionLength characters.
bool isSchemaVersion(std::string_view v) {
  if (v.empty() || v.size() > kMaxSchemaVersionLength) return false;
  int dots = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (isAsciiDigit(v[i])) continue;
    if (v[i] != '.' || ++dots > 2 || i == 0 || i + 1 == v.size() || v[i - 1] == '.') return false;
  }
  return true;
}
// Up to eight '/'-separated segments, each [A-Za-z0-9_-][A-Za-z0-9._-]{0,127}.
bool isFileName(std::string_view v) {
  auto first = [](char c) { return isAsciiAlnum(c) || c == '_' || c == '-'; };
  auto rest = [&](char c) { return first(c) || c == '.'; };
  std::size_t segments = 0;
  for (std::size_t start = 0;;) {
    std::size_t slash = v.find('/', start);
    std::string_view segment =
        v.substr(start, slash == std::string_view::npos ? v.npos : slash - start);
    if (++segments > kMaxFileNameSegments || !isToken(segment, 128, first, rest)) return false;
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

[[noreturn]] void invalid(const std::string& field, const std::string& rule) {
  throw Error("manifest: " + field + " is not " + rule);
}

void require(const std::string& field, bool ok, const std::string& rule) {
  if (!ok) invalid(field, rule);
}

void requireDate(const std::string& field, const std::string& value) {
  require(field, isDate(value), "a date yyyy-mm-dd");
  std::chrono::year_month_day ymd{std::chrono::year{std::stoi(value.substr(0, 4))},
                                  std::chrono::month{unsigned(std::stoi(value.substr(5, 2)))},
                                  std::chrono::day{unsigned(std::stoi(value.substr(8, 2)))}};
  if (!ymd.ok()) invalid(field, "a calendar date");
}

void requireText(const std::string& field, const std::string& value, std::size_t maxLength) {
  if (value.empty() || value.size() > maxLength)
    invalid(field, "1-" + std::to_string(maxLength) + " characters");
  if (value.front() == ' ' || value.back() == ' ') invalid(field, "trimmed text");
  for (char c : value)
    if (static_cast<unsigned char>(c) < 0x20) invalid(field, "free of control characters");
}

void requireFileName(const std::string& field, const std::string& value) {
  require(field, isFileName(value), "a safe relative file name");
  if (!zip::isSafeEntryName(value) || value == kManifestEntryName)
    invalid(field, "a safe relative file name other than manifest.xml");
}

std::uint64_t parseCount(const std::string& field, const char* text) {
  std::string_view s(text);
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size())
    invalid(field, "a non-negative integer");
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
  require("packageId", isValidPackageId(m.packageId), "yyyymmddThhmmssZ-<16 hex>");
  require("created", isDateTime(m.created), "UTC yyyy-mm-ddThh:mm:ssZ");
  require("softwareVersion", isVersion(m.softwareVersion), "a version string");
  require("producer municipalityCode", isMunicipality(m.producerMunicipalityCode),
          "a 3-digit municipality code");
  requireText("producer name", m.producerName, 200);
  require("recipient projectId", isIdentifier(m.recipientProjectId), "an identifier");
  requireText("legalBasis agreementId", m.agreementId, 100);
  requireDate("legalBasis expires", m.agreementExpires);
  if (!m.periodFrom.empty()) requireDate("period from", m.periodFrom);
  if (!m.periodTo.empty()) requireDate("period to", m.periodTo);
  if (!m.periodFrom.empty() && !m.periodTo.empty() && m.periodTo < m.periodFrom)
    invalid("period to", "on or after period from");
  require("keyId", isLowerHex(m.keyId, 16), "16 lowercase hex digits");
  if (m.files.empty()) throw Error("manifest: a package needs at least one dataset file");
  std::set<std::string> names;
  for (std::size_t i = 0; i < m.files.size(); ++i) {
    const ManifestFile& f = m.files[i];
    const std::string where = "dataset " + std::to_string(i + 1) + " ";
    requireFileName(where + "file", f.fileName);
    // Past requireFileName the name is a safe file name, which errors may show.
    if (!names.insert(f.fileName).second) invalid("dataset file " + f.fileName, "unique");
    require(where + "name", isDatasetName(f.dataset), "a dataset name");
    require(where + "schemaVersion", isSchemaVersion(f.schemaVersion),
            "a schema version (1 to 3 numbers separated by '.', at most " +
                std::to_string(kMaxSchemaVersionLength) + " characters)");
    require(where + "format", f.format == "csv" || f.format == "xml", "csv or xml");
    require(where + "sha256", isLowerHex(f.sha256, 64), "64 lowercase hex digits");
  }
  for (std::size_t i = 0; i < m.sources.size(); ++i) {
    const ManifestSource& source = m.sources[i];
    const std::string where = "source " + std::to_string(i + 1) + " ";
    require(where + "id", isIdentifier(source.id), "an identifier");
    require(where + "plugin", isIdentifier(source.plugin), "an identifier");
    require(where + "dataset", isDatasetName(source.dataset), "a dataset name");
    for (const std::string* cursor : {&source.cursorFrom, &source.cursorTo})
      require(where + "cursor", cursor->empty() || isLowerHex(*cursor, 16),
              "empty or 16 lowercase hex digits");
  }
  for (const ManifestCodebook* c : m.extraFiles()) {
    requireFileName("codebook or report file", c->fileName);
    if (!names.insert(c->fileName).second)
      invalid("codebook or report file " + c->fileName, "distinct from the other files");
    require("codebook or report sha256", isLowerHex(c->sha256, 64), "64 lowercase hex digits");
  }
  if (m.registerHead)
    require("registerHead hash", isLowerHex(m.registerHead->hash, 64), "64 lowercase hex digits");
}

std::vector<const ManifestCodebook*> Manifest::extraFiles() const {
  std::vector<const ManifestCodebook*> all;
  for (const ManifestCodebook& c : codebooks) all.push_back(&c);
  for (const ManifestCodebook& r : reports) all.push_back(&r);
  return all;
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
  if (!m.sources.empty()) {
    pugi::xml_node sources = root.append_child("sources");
    for (const ManifestSource& source : m.sources) {
      pugi::xml_node n = sources.append_child("source");
      n.append_attribute("id") = source.id.c_str();
      n.append_attribute("plugin") = source.plugin.c_str();
      n.append_attribute("dataset") = source.dataset.c_str();
      if (!source.cursorFrom.empty()) n.append_attribute("cursorFrom") = source.cursorFrom.c_str();
      if (!source.cursorTo.empty()) n.append_attribute("cursorTo") = source.cursorTo.c_str();
      n.append_attribute("rows") = std::to_string(source.rows).c_str();
    }
  }
  auto appendFiles = [&root](const char* element, const std::vector<ManifestCodebook>& files) {
    for (const ManifestCodebook& file : files) {
      pugi::xml_node c = root.append_child(element);
      c.append_attribute("file") = file.fileName.c_str();
      c.append_attribute("bytes") = std::to_string(file.bytes).c_str();
      c.append_attribute("sha256") = file.sha256.c_str();
    }
  };
  appendFiles("codebook", m.codebooks);
  appendFiles("report", m.reports);
  if (m.registerHead) {
    pugi::xml_node head = root.append_child("registerHead");
    head.append_attribute("seq") = std::to_string(m.registerHead->seq).c_str();
    head.append_attribute("hash") = m.registerHead->hash.c_str();
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
  for (pugi::xml_node n : child(root, "sources", false).children("source")) {
    ManifestSource source;
    source.id = attr(n, "id");
    source.plugin = attr(n, "plugin");
    source.dataset = attr(n, "dataset");
    source.cursorFrom = n.attribute("cursorFrom").value();
    source.cursorTo = n.attribute("cursorTo").value();
    source.rows = parseCount("source rows", attr(n, "rows").c_str());
    m.sources.push_back(std::move(source));
  }
  auto readFiles = [&root](const char* element, std::vector<ManifestCodebook>& files) {
    for (pugi::xml_node c : root.children(element)) {
      ManifestCodebook file;
      file.fileName = attr(c, "file");
      file.bytes = parseCount(std::string(element) + " bytes", attr(c, "bytes").c_str());
      file.sha256 = attr(c, "sha256");
      files.push_back(std::move(file));
    }
  };
  readFiles("codebook", m.codebooks);
  readFiles("report", m.reports);
  if (pugi::xml_node head = child(root, "registerHead", false)) {
    m.registerHead = ManifestRegisterHead{parseCount("registerHead seq", attr(head, "seq").c_str()),
                                          attr(head, "hash")};
  }
  validateManifest(m);
  return m;
}

}  // namespace brobyg::package
