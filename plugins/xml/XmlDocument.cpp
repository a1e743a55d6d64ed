#include "XmlDocument.h"

#include "Namespaces.h"

#include <brobyg_plugin.hpp>

#include <algorithm>

namespace brobyg::xml {
namespace {

bool startsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Skips from `at` past the first `end`; npos when it never comes.
size_t skipPast(std::string_view text, size_t at, std::string_view end) {
  const size_t found = text.find(end, at);
  return found == std::string_view::npos ? found : found + end.size();
}

bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool startsDoctype(std::string_view text) {
  // Case-insensitively: a parser that accepted "<!doctype" must not get past this.
  constexpr std::string_view kDoctype = "<!doctype";
  if (text.size() < kDoctype.size()) return false;
  for (size_t i = 0; i < kDoctype.size(); ++i)
    if ((text[i] | (text[i] >= 'A' && text[i] <= 'Z' ? 0x20 : 0)) != kDoctype[i]) return false;
  return true;
}

}  // namespace

void refuseTooLarge(const std::string& label, std::uint64_t maxBytes) {
  throw sdk::Error("file '" + label + "' is larger than max_file_bytes (" +
                   std::to_string(maxBytes) +
                   " bytes); raise the setting if the machine has the memory for it");
}

std::string readBounded(files::ByteSource& source, const std::string& label, std::uint64_t maxBytes,
                        std::uint64_t expectedBytes) {
  constexpr size_t kChunk = 64 * 1024;
  std::string bytes;
  bytes.reserve(static_cast<size_t>(std::min(expectedBytes, maxBytes)) + kChunk);
  for (;;) {
    const size_t at = bytes.size();
    bytes.resize(at + kChunk);
    const size_t got = source.read(bytes.data() + at, kChunk);
    bytes.resize(at + got);
    if (got == 0) break;
    if (bytes.size() > maxBytes) refuseTooLarge(label, maxBytes);
  }
  return bytes;
}

bool hasDoctype(std::string_view bytes) {
  size_t at = startsWith(bytes, "\xEF\xBB\xBF") ? 3 : 0;
  while (at < bytes.size()) {
    if (isSpace(bytes[at])) {
      ++at;
    } else if (startsWith(bytes.substr(at), "<?")) {
      at = skipPast(bytes, at + 2, "?>");
    } else if (startsWith(bytes.substr(at), "<!--")) {
      at = skipPast(bytes, at + 4, "-->");
    } else {
      return startsDoctype(bytes.substr(at));
    }
  }
  return false;
}

std::uint64_t lineAt(std::string_view bytes, std::uint64_t offset) {
  const auto end =
      bytes.begin() + static_cast<std::ptrdiff_t>(std::min<std::uint64_t>(offset, bytes.size()));
  return 1 + static_cast<std::uint64_t>(std::count(bytes.begin(), end, '\n'));
}

void parseDocument(XmlDocument& document, const std::string& label,
                   const std::map<std::string, std::string>& namespaces) {
  const std::string refused = "file '" + label +
                              "' has a document type declaration (<!DOCTYPE); it is refused so "
                              "that no entity is ever expanded";
  if (hasDoctype(document.bytes)) throw sdk::Error(refused);
  // parse_doctype keeps a declaration the byte check could not see (another encoding) as a
  // node, so that it is refused below; pugixml never expands an entity either way.
  const pugi::xml_parse_result result =
      document.tree.load_buffer(document.bytes.data(), document.bytes.size(),
                                pugi::parse_default | pugi::parse_doctype, pugi::encoding_auto);
  if (!result) {
    const auto offset = static_cast<std::uint64_t>(std::max<std::ptrdiff_t>(result.offset, 0));
    throw sdk::Error("file '" + label + "' is not well-formed XML: " + result.description() +
                     " at byte " + std::to_string(offset) + " (line " +
                     std::to_string(lineAt(document.bytes, offset)) +
                     "); it is read again once it is fixed");
  }
  for (const pugi::xml_node node : document.tree.children())
    if (node.type() == pugi::node_doctype) throw sdk::Error(refused);
  bindNamespaces(document.tree, namespaces, document.renamedOffsets);
}

std::ptrdiff_t XmlDocument::offsetOf(pugi::xml_node element) const {
  const auto renamed = renamedOffsets.find(element.internal_object());
  return renamed != renamedOffsets.end() ? renamed->second : element.offset_debug();
}

}  // namespace brobyg::xml
