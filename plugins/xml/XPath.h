// Compiles an XPath from the configuration, refusing what pugixml would take but never
// match: a prefix that setting namespace does not declare.
#pragma once

#include <pugixml.hpp>

#include <map>
#include <string>
#include <string_view>

namespace brobyg::xml {

// The prefixes of the qualified names in `expression` ("v" of "v:sag", "v:*"), outside string
// literals; axes ("child::") are not prefixes, xml is always bound. The first one not in
// `namespaces`, or "".
std::string undeclaredPrefix(std::string_view expression,
                             const std::map<std::string, std::string>& namespaces);

// True when `expression` is an absolute location path and nothing else (/a/b/@c,
// //v:x[@y='1']): its value is the same for every record, so it is evaluated once per
// document instead of once per record (where it would walk the document each time). Unions,
// functions and operators are not recognised and stay per record.
bool isAbsoluteLocationPath(std::string_view expression);

// Throws sdk::Error naming `setting` when the expression has an undeclared prefix or is not
// XPath 1.0 (with pugixml's reason and the character where it stopped).
pugi::xpath_query compileXPath(const std::string& expression, const std::string& setting,
                               const std::map<std::string, std::string>& namespaces);

}  // namespace brobyg::xml
