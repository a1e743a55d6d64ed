#pragma once

#include <istream>
#include <optional>
#include <string>

namespace Poco::Net {
class HTTPServerRequest;
}

namespace brobyg::daemon {

// How the admin API tells who is asking: scripts send the token file's token as a bearer
// token; the status page's browser sends a session cookie, and with every state-changing
// request its CSRF token and an Origin of this very server.
namespace admin_auth {

inline constexpr const char* kSessionCookie = "brobyg_session";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";
inline constexpr std::size_t kMaxLoginBody = 1024;

// Whether the Authorization header is "Bearer <token>" (constant time).
bool bearerMatches(const Poco::Net::HTTPServerRequest& request, const std::string& token);
// The session cookie's value, or "".
std::string sessionCookie(const Poco::Net::HTTPServerRequest& request);
// The Set-Cookie value that starts (or, with an empty id, ends) a session.
std::string setCookie(const std::string& id, long maxAgeSeconds);
// Whether Host names this machine's loopback interface (localhost, 127.0.0.1, [::1]): a page
// reached under another name (DNS rebinding) gets no session.
bool loopbackHost(const Poco::Net::HTTPServerRequest& request);
// Whether Origin is present and is http://<Host>: the request comes from a page of this server.
bool sameOrigin(const Poco::Net::HTTPServerRequest& request);
// The `token` field of a login form body (application/x-www-form-urlencoded); empty when the
// body is longer than kMaxLoginBody, has no such field, or is not a form.
std::optional<std::string> loginToken(const Poco::Net::HTTPServerRequest& request,
                                      std::istream& body);

}  // namespace admin_auth
}  // namespace brobyg::daemon
