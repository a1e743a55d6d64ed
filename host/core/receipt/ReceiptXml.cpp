#include <pugixml.hpp>

#include <algorithm>
#include <cstring>
#include <vector>

#include "package/PackageId.h"
#include "package/TextShape.h"
#include "receipt/Receipt.h"
#include "util/Error.h"

namespace brobyg::receipt {

namespace {

using package::isAsciiAlnum;
using package::isAsciiDigit;

// A receipt is five short fields; anything much larger is not one.
constexpr std::size_t kMaxXmlBytes = 4096;
constexpr const char* kFields[] = {"packageId", "sha256", "bytes", "receivedAt", "receiverId"};

bool isLowerHex64(std::string_view text) {
  return text.size() == 64 && package::matchesShape(text, std::string(64, 'h'));
}

// Decimal without sign or leading zeros, within uint64.
bool parseBytes(std::string_view text, std::uint64_t& out) {
  if (text.empty() || text.size() > 20 || (text.size() > 1 && text[0] == '0')) return false;
  std::uint64_t value = 0;
  for (char c : text) {
    if (!isAsciiDigit(c)) return false;
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (UINT64_MAX - digit) / 10) return false;
    value = value * 10 + digit;
  }
  out = value;
  return true;
}

bool isUtcTime(const std::string& text) {
  try {
    package::parseIsoUtc(text);
    return true;
  } catch (const Error&) {
    return false;
  }
}

// Why the field would be refused, or nullptr.
const char* problemOf(const Receipt& r) {
  if (!package::isValidPackageId(r.packageId)) return "packageId: not a package id";
  if (!isLowerHex64(r.sha256)) return "sha256: not 64 lowercase hex digits";
  if (!isUtcTime(r.receivedAt)) return "receivedAt: not a UTC time yyyy-mm-ddThh:mm:ssZ";
  if (!isValidReceiverId(r.receiverId)) return "receiverId: not a receiver id";
  return nullptr;
}

class Reader {
 public:
  Reader(std::string_view xml, const std::string& where) : xml_(xml), where_(where) {}

  [[noreturn]] void fail(std::ptrdiff_t offset, const std::string& message) const {
    throw Error(located(where_, lineAt(offset), "receipt: " + message));
  }
  [[noreturn]] void fail(pugi::xml_node node, const std::string& message) const {
    fail(node.offset_debug(), message);
  }

  Receipt read() const {
    if (xml_.size() > kMaxXmlBytes)
      fail(0, "larger than " + std::to_string(kMaxXmlBytes) + " bytes");
    pugi::xml_document doc;
    pugi::xml_parse_result parsed = doc.load_buffer(
        xml_.data(), xml_.size(),
        pugi::parse_default | pugi::parse_doctype | pugi::parse_pi | pugi::parse_comments,
        pugi::encoding_utf8);
    if (!parsed)
      fail(static_cast<long>(parsed.offset), std::string("not XML: ") + parsed.description());
    pugi::xml_node root = onlyElement(doc, "document");
    if (std::strcmp(root.name(), "receipt") != 0) fail(root, "root element is not <receipt>");
    checkRootAttributes(root);
    std::vector<pugi::xml_node> fields = elements(root);
    Receipt r;
    r.packageId = field(fields, 0);
    r.sha256 = field(fields, 1);
    if (!parseBytes(field(fields, 2), r.bytes))
      fail(fields[2], "<bytes> is not a whole number of bytes");
    r.receivedAt = field(fields, 3);
    r.receiverId = field(fields, 4);
    if (const char* problem = problemOf(r)) {
      const std::string_view name(problem, std::strcspn(problem, ":"));
      const auto at = std::find(std::begin(kFields), std::end(kFields), name) - std::begin(kFields);
      fail(fields[static_cast<std::size_t>(at)], std::string("<") + problem);
    }
    return r;
  }

 private:
  long lineAt(std::ptrdiff_t offset) const {
    const auto end =
        std::min(static_cast<std::size_t>(std::max(offset, std::ptrdiff_t{0})), xml_.size());
    return 1 + static_cast<long>(
                   std::count(xml_.begin(), xml_.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
  }

  // Only elements, whitespace text and comments/declarations may appear; text is refused.
  std::vector<pugi::xml_node> elements(pugi::xml_node parent) const {
    std::vector<pugi::xml_node> out;
    for (pugi::xml_node child : parent.children()) {
      if (child.type() == pugi::node_element) {
        out.push_back(child);
      } else if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
        if (std::string_view(child.value()).find_first_not_of(" \t\r\n") != std::string::npos)
          fail(parent, std::string("text directly inside <") + parent.name() + ">");
      } else if (child.type() == pugi::node_doctype || child.type() == pugi::node_pi) {
        fail(child, "DOCTYPE and processing instructions are not allowed");
      }
    }
    return out;
  }

  pugi::xml_node onlyElement(pugi::xml_node parent, const char* what) const {
    std::vector<pugi::xml_node> found = elements(parent);
    if (found.size() != 1) fail(parent, std::string(what) + " must hold exactly one element");
    return found.front();
  }

  void checkRootAttributes(pugi::xml_node root) const {
    bool ns = false;
    for (pugi::xml_attribute a : root.attributes()) {
      if (std::strcmp(a.name(), "xmlns") == 0)
        ns = std::strcmp(a.value(), kReceiptNamespace) == 0;
      else if (std::strcmp(a.name(), "version") != 0 || std::strcmp(a.value(), "1") != 0)
        fail(root, std::string("<receipt> attribute ") + a.name() + " not allowed");
    }
    if (!ns) fail(root, std::string("<receipt> is not in namespace ") + kReceiptNamespace);
  }

  std::string field(const std::vector<pugi::xml_node>& fields, std::size_t index) const {
    const char* name = kFields[index];
    if (fields.size() <= index || std::strcmp(fields[index].name(), name) != 0) {
      if (fields.size() > index) fail(fields[index], std::string("expected <") + name + ">");
      fail(fields.empty() ? pugi::xml_node() : fields.back(),
           std::string("<") + name + "> is missing");
    }
    if (index == std::size(kFields) - 1 && fields.size() > std::size(kFields))
      fail(fields[std::size(kFields)], "unexpected element after <receiverId>");
    pugi::xml_node node = fields[index];
    if (node.first_attribute()) fail(node, std::string("<") + name + "> takes no attributes");
    pugi::xml_node text = node.first_child();
    if (text != node.last_child() || (text && text.type() != pugi::node_pcdata))
      fail(node, std::string("<") + name + "> must hold only text");
    return text.value();
  }

  std::string_view xml_;
  const std::string& where_;
};

}  // namespace

bool isValidReceiverId(std::string_view id) {
  return package::isToken(id, 64, isAsciiAlnum, [](char c) {
    return isAsciiAlnum(c) || c == '.' || c == '_' || c == '-';
  });
}

std::string toXml(const Receipt& r) {
  if (const char* problem = problemOf(r)) throw Error(std::string("receipt ") + problem);
  // Every value is checked to need no escaping.
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") + "<receipt xmlns=\"" +
         kReceiptNamespace + "\" version=\"1\">\n" + "  <packageId>" + r.packageId +
         "</packageId>\n" + "  <sha256>" + r.sha256 + "</sha256>\n" + "  <bytes>" +
         std::to_string(r.bytes) + "</bytes>\n" + "  <receivedAt>" + r.receivedAt +
         "</receivedAt>\n" + "  <receiverId>" + r.receiverId + "</receiverId>\n" + "</receipt>\n";
}

Receipt parseXml(std::string_view xml, const std::string& where) {
  return Reader(xml, where).read();
}

}  // namespace brobyg::receipt
