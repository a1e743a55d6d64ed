#include "trust/SendersFile.h"

#include <pugixml.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>

#include "util/Error.h"
#include "util/MunicipalityCode.h"
#include "util/Utf8Path.h"

namespace brobyg::trust {

namespace {

constexpr std::uintmax_t kMaxSendersFileBytes = 1024 * 1024;
constexpr std::size_t kMaxText = 1024;

class Reader {
 public:
  Reader(const std::string& xml, const std::string& where) : xml_(xml), where_(where) {}

  [[noreturn]] void fail(pugi::xml_node node, const std::string& message) const {
    throw Error(located(where_, lineOf(node), message));
  }

  long lineOf(pugi::xml_node node) const {
    const auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(node.offset_debug(), 0));
    return 1 + static_cast<long>(
                   std::count(xml_.begin(), xml_.begin() + std::min(offset, xml_.size()), '\n'));
  }

  std::string text(pugi::xml_node node, const char* what) const {
    std::string value = node.text().as_string();
    if (value.empty() || value.size() > kMaxText)
      fail(node, std::string(what) + " must be 1 to " + std::to_string(kMaxText) + " characters");
    return value;
  }

  std::string attribute(pugi::xml_node node, const char* name, bool required) const {
    pugi::xml_attribute a = node.attribute(name);
    std::string value = a.as_string();
    if ((required && !a) || value.size() > kMaxText || (a && value.empty()))
      fail(node, std::string("<") + node.name() + "> attribute " + name + " must be 1 to " +
                     std::to_string(kMaxText) + " characters");
    return value;
  }

  SenderEntry sender(pugi::xml_node node) const {
    SenderEntry entry;
    entry.line = lineOf(node);
    for (pugi::xml_attribute a : node.attributes())
      if (std::strcmp(a.name(), "municipality") != 0 && std::strcmp(a.name(), "name") != 0)
        fail(node, std::string("<sender> has no attribute ") + a.name());
    // Kept in a variable: canonicalMunicipality returns a view into its argument.
    const std::string municipality = attribute(node, "municipality", true);
    auto code = canonicalMunicipality(municipality);
    if (!code) fail(node, "municipality must be a kommunekode of 3 digits (or 4 with a leading 0)");
    entry.municipality = std::string(*code);
    entry.name = attribute(node, "name", false);
    for (pugi::xml_node child : node.children()) {
      if (child.type() != pugi::node_element) continue;
      if (std::strcmp(child.name(), "certificate") == 0) {
        entry.certificates.push_back(text(child, "<certificate>"));
      } else if (std::strcmp(child.name(), "issuer") == 0) {
        entry.issuers.push_back(
            {attribute(child, "certificate", true), attribute(child, "subject", true)});
      } else {
        fail(child, std::string("unknown element <") + child.name() + "> in <sender>");
      }
    }
    if (entry.certificates.empty() && entry.issuers.empty())
      fail(node, "<sender> needs a <certificate> or an <issuer>");
    return entry;
  }

 private:
  const std::string& xml_;
  const std::string& where_;
};

std::string readSmallFile(const std::string& path) {
  std::ifstream in(pathFromUtf8(path), std::ios::binary);
  if (!in) throw Error(path + ": cannot open for reading");
  std::string content;
  char buffer[16384];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    content.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (content.size() > kMaxSendersFileBytes)
      throw Error(path + ": larger than " + std::to_string(kMaxSendersFileBytes) + " bytes");
  }
  if (in.bad()) throw Error(path + ": read error");
  return content;
}

}  // namespace

std::vector<SenderEntry> parseSenders(const std::string& xml, const std::string& where) {
  pugi::xml_document doc;
  // No DOCTYPE: pugixml never expands external entities, and a senders file needs none.
  pugi::xml_parse_result parsed =
      doc.load_buffer(xml.data(), xml.size(), pugi::parse_default & ~pugi::parse_doctype);
  Reader reader(xml, where);
  if (!parsed) throw Error(where + ": not well-formed XML: " + parsed.description());
  pugi::xml_node root = doc.document_element();
  if (std::strcmp(root.name(), "senders") != 0 ||
      std::strcmp(root.attribute("xmlns").as_string(), kSendersNamespace) != 0)
    reader.fail(root,
                std::string("the root must be <senders xmlns=\"") + kSendersNamespace + "\">");
  std::vector<SenderEntry> entries;
  std::set<std::string> seen;
  for (pugi::xml_node node : root.children()) {
    if (node.type() != pugi::node_element) continue;
    if (std::strcmp(node.name(), "sender") != 0)
      reader.fail(node, std::string("unknown element <") + node.name() + "> in <senders>");
    SenderEntry entry = reader.sender(node);
    if (!seen.insert(entry.municipality).second)
      reader.fail(node, "municipality " + entry.municipality + " appears twice");
    entries.push_back(std::move(entry));
  }
  if (entries.empty()) reader.fail(root, "no <sender>");
  return entries;
}

void loadSendersFile(const std::string& path, SenderPins& pins) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::file_size(pathFromUtf8(path), ec) > kMaxSendersFileBytes && !ec)
    throw Error(path + ": larger than " + std::to_string(kMaxSendersFileBytes) + " bytes");
  const std::vector<SenderEntry> entries = parseSenders(readSmallFile(path), path);
  const fs::path base = pathFromUtf8(path).parent_path();
  auto resolve = [&](const std::string& file) { return utf8FromPath(base / pathFromUtf8(file)); };
  for (const SenderEntry& e : entries) {
    const std::string origin = located(path, e.line, "sender " + e.municipality);
    try {
      for (const std::string& cert : e.certificates)
        pins.pinCertificate(e.municipality, readPemCertificate(resolve(cert)), origin);
      for (const SenderEntry::Issuer& issuer : e.issuers)
        pins.pinIssuer(e.municipality, readPemCertificate(resolve(issuer.ca)), issuer.subject,
                       origin);
    } catch (const Error& error) {
      throw Error(origin + ": " + error.what());
    }
  }
}

}  // namespace brobyg::trust
