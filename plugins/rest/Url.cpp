#include "Url.h"

#include <brobyg_plugin.hpp>

#include <Poco/Exception.h>
#include <Poco/String.h>

namespace brobyg::rest {

Poco::URI parseHttpsUrl(const std::string& text, const std::string& setting) {
  Poco::URI uri;
  try {
    uri = Poco::URI(text);
  } catch (const Poco::Exception&) {
    throw sdk::Error("setting " + setting + ": not a URL");
  }
  if (uri.getScheme() != "https")
    throw sdk::Error("setting " + setting + ": must be an https:// URL");
  if (uri.getHost().empty()) throw sdk::Error("setting " + setting + ": the URL names no host");
  if (!uri.getUserInfo().empty())
    throw sdk::Error("setting " + setting +
                     ": user information in the URL is not supported (use token or OAuth2)");
  if (!uri.getFragment().empty()) uri.setFragment("");
  return uri;
}

std::string redacted(const Poco::URI& uri) {
  std::string text =
      uri.getScheme() + "://" + uri.getHost() + ":" + std::to_string(uri.getPort()) + uri.getPath();
  if (!uri.getRawQuery().empty()) text += "?...";
  return text;
}

bool sameOrigin(const Poco::URI& a, const Poco::URI& b) {
  return a.getScheme() == b.getScheme() && Poco::icompare(a.getHost(), b.getHost()) == 0 &&
         a.getPort() == b.getPort();
}

}  // namespace brobyg::rest
