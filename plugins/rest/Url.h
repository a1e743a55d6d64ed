// URLs of the rest source: only https, shown in logs and errors without their query (which
// may carry a key or a record's value) and without user information.
#pragma once

#include <Poco/URI.h>

#include <string>

namespace brobyg::rest {

// Parses an https:// URL with a host; throws sdk::Error naming `setting` otherwise (never
// quoting the value, which may hold a secret).
Poco::URI parseHttpsUrl(const std::string& text, const std::string& setting);

// "https://host:port/path", plus "?..." when the URL has a query.
std::string redacted(const Poco::URI& uri);

// Same scheme, host (case-insensitive) and port: where a next link may lead, so that a
// token is never sent to a host the configuration did not name.
bool sameOrigin(const Poco::URI& a, const Poco::URI& b);

}  // namespace brobyg::rest
