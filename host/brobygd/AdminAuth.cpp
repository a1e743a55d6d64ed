#include "AdminAuth.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/URI.h>

#include "AdminSessions.h"

namespace brobyg::daemon::admin_auth {

bool bearerMatches(const Poco::Net::HTTPServerRequest& request, const std::string& token) {
  return AdminSessions::equal(request.get("Authorization", ""), "Bearer " + token);
}

std::string sessionCookie(const Poco::Net::HTTPServerRequest& request) {
  Poco::Net::NameValueCollection cookies;
  request.getCookies(cookies);
  return cookies.get(kSessionCookie, "");
}

std::string setCookie(const std::string& id, long maxAgeSeconds) {
  // No Secure attribute: the page is plain HTTP on loopback (or through an SSH tunnel).
  return std::string(kSessionCookie) + "=" + id +
         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(maxAgeSeconds);
}

namespace {
std::string hostName(const std::string& host) {
  if (!host.empty() && host.front() == '[') return host.substr(0, host.find(']') + 1);
  return host.substr(0, host.find(':'));
}
}  // namespace

bool loopbackHost(const Poco::Net::HTTPServerRequest& request) {
  const std::string name = hostName(request.get("Host", ""));
  return name == "localhost" || name == "127.0.0.1" || name == "[::1]";
}

bool sameOrigin(const Poco::Net::HTTPServerRequest& request) {
  const std::string host = request.get("Host", "");
  return !host.empty() && request.get("Origin", "") == "http://" + host;
}

std::optional<std::string> loginToken(const Poco::Net::HTTPServerRequest& request,
                                      std::istream& body) {
  if (!request.hasContentLength() || request.getContentLength64() > std::int64_t(kMaxLoginBody))
    return std::nullopt;
  if (request.getContentType().rfind("application/x-www-form-urlencoded", 0) != 0)
    return std::nullopt;
  std::string text(static_cast<std::size_t>(request.getContentLength64()), '\0');
  body.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(body.gcount()));
  for (std::size_t at = 0; at <= text.size();) {
    std::size_t end = text.find('&', at);
    if (end == std::string::npos) end = text.size();
    const std::string field = text.substr(at, end - at);
    if (field.rfind("token=", 0) == 0) {
      std::string value = field.substr(6);
      for (char& c : value)
        if (c == '+') c = ' ';
      std::string decoded;
      Poco::URI::decode(value, decoded);
      return decoded;
    }
    at = end + 1;
  }
  return std::nullopt;
}

}  // namespace brobyg::daemon::admin_auth
