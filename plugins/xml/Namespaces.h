// Namespaces for pugixml's XPath, which matches names as written ("v:sag") and knows no
// namespace URIs. Every name in the tree is rewritten to the configured prefix of its URI,
// so that an XPath written with the configured prefixes matches whatever prefixes (or
// default namespace) the vendor's document uses.
#pragma once

#include <pugixml.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <unordered_map>

namespace brobyg::xml {

// Renames every element and attribute of `document`: a name in a configured namespace to
// "<configured prefix>:<local name>"; a name in no namespace to its local name; a name in
// another namespace, or with an undeclared prefix, to one no XPath can spell
// ("{other}:local"), so that it matches only * and local-name(). xmlns attributes and
// xml:lang, xml:space, ... are left as they are. namespace-uri() does not know the URIs.
// `namespaces`: prefix -> URI, one prefix per URI. Walks the tree without recursion.
// pugixml forgets where a renamed element was (offset_debug() becomes -1): `offsets` gets
// its offset, keyed by internal_object().
void bindNamespaces(pugi::xml_document& document,
                    const std::map<std::string, std::string>& namespaces,
                    std::unordered_map<const void*, std::ptrdiff_t>& offsets);

}  // namespace brobyg::xml
