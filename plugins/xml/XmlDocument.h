// One export file as a document: read whole (up to max_file_bytes), refused when it declares
// a document type, parsed by pugixml, and its names bound to the configured prefixes.
#pragma once

#include <common/ByteSource.h>

#include <pugixml.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>

namespace brobyg::xml {

struct XmlDocument {
  // The file's bytes as read. pugixml parses a copy: these stay as they were, for line
  // numbers.
  std::string bytes;
  pugi::xml_document tree;
  // Where elements that bindNamespaces renamed start (pugixml forgets it).
  std::unordered_map<const void*, std::ptrdiff_t> renamedOffsets;

  // The byte offset of `element`'s name in `bytes`; -1 when unknown.
  std::ptrdiff_t offsetOf(pugi::xml_node element) const;
};

// Throws the sdk::Error for a file above max_file_bytes, naming the file and the limit.
[[noreturn]] void refuseTooLarge(const std::string& label, std::uint64_t maxBytes);

// Reads all of `source`. Throws sdk::Error naming the file and the limit when it holds more
// than `maxBytes` bytes (never much more than that is held). `expectedBytes` (the file's
// size) is reserved at once, so that the buffer does not double as it grows.
std::string readBounded(files::ByteSource& source, const std::string& label, std::uint64_t maxBytes,
                        std::uint64_t expectedBytes = 0);

// True when the prolog (what precedes the root element: declaration, comments, processing
// instructions) holds a document type declaration. Only UTF-8 (or ASCII) bytes are looked at.
bool hasDoctype(std::string_view bytes);

// Parses `document.bytes` into `document.tree`. Throws sdk::Error naming the file when it
// declares a document type (so that no entity is ever expanded; checked before parsing and
// again on the tree), or when it is not well-formed (with pugixml's reason, byte offset and
// line). Then binds names to `namespaces` (prefix -> URI, see bindNamespaces).
void parseDocument(XmlDocument& document, const std::string& label,
                   const std::map<std::string, std::string>& namespaces);

// The line (1-based) of byte `offset` in `bytes`.
std::uint64_t lineAt(std::string_view bytes, std::uint64_t offset);

}  // namespace brobyg::xml
