#include "Fetcher.h"

#include "RetryAfter.h"
#include "Url.h"

#include <Poco/Base64Encoder.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/String.h>

#include <algorithm>
#include <sstream>
#include <thread>

namespace brobyg::rest {
namespace {

bool retryable(int status) {
  return status == 429 || (status >= 500 && status <= 599);
}

std::string formEncoded(const std::string& text) {
  std::string out;
  Poco::URI::encode(text, "!#$&'()*+,/:;=?@[]~", out);
  return out;
}

std::string basicAuthorization(const std::string& user, const std::string& password) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder.rdbuf()->setLineLength(0);
  // RFC 6749 §2.3.1: both form-encoded before they are joined.
  encoder << formEncoded(user) << ':' << formEncoded(password);
  encoder.close();
  return "Basic " + out.str();
}

std::string seconds(std::chrono::seconds s) {
  return std::to_string(s.count()) + "s";
}

}  // namespace

Fetcher::Fetcher(const RestConfig& config, const sdk::Context& context, Sleep sleep)
    : config_(config),
      context_(context),
      client_(config.caFile, config.timeout, config.maxResponseBytes),
      sleep_(sleep ? std::move(sleep)
                   : Sleep([](std::chrono::seconds s) { std::this_thread::sleep_for(s); })) {}

HttpResponse Fetcher::sendWithRetries(const Poco::URI& uri, const HttpRequest& request) {
  const std::string where = redacted(uri);
  std::chrono::seconds backoff = config_.retryDelay;
  for (int attempt = 1;; ++attempt) {
    std::string problem;
    std::optional<std::chrono::seconds> wait;
    try {
      HttpResponse response = client_.send(uri, request);
      if (!retryable(response.status)) return response;
      problem = "HTTP " + std::to_string(response.status);
      wait = parseRetryAfter(response.retryAfter, Poco::Timestamp());
    } catch (const NetworkError& e) {
      problem = e.what();
    }
    if (attempt >= config_.maxAttempts)
      throw sdk::RetryLater(problem + " from " + where + " after " + std::to_string(attempt) +
                            " tries (setting max_attempts); nothing was kept, the next run "
                            "reads again");
    if (wait && *wait > config_.maxRetryAfter)
      throw sdk::RetryLater(problem + " from " + where + " with Retry-After " + seconds(*wait) +
                            ", longer than max_retry_after; nothing was kept, the next run "
                            "reads again");
    const std::chrono::seconds delay = wait ? *wait : backoff;
    context_.warning("rest: " + problem + " from " + where + "; try " +
                     std::to_string(attempt + 1) + " of " + std::to_string(config_.maxAttempts) +
                     " in " + seconds(delay));
    sleep_(delay);
    backoff = std::min<std::chrono::seconds>(backoff * 2, std::chrono::hours(1));
  }
}

Fetcher::Token Fetcher::fetchToken() {
  const OAuthConfig& oauth = *config_.oauth;
  HttpRequest request;
  request.method = Poco::Net::HTTPRequest::HTTP_POST;
  request.authorization = basicAuthorization(oauth.clientId, oauth.clientSecret);
  request.form = "grant_type=client_credentials";
  if (!oauth.scope.empty()) request.form += "&scope=" + formEncoded(oauth.scope);
  const std::string where = redacted(oauth.tokenUrl);
  const HttpResponse response = sendWithRetries(oauth.tokenUrl, request);
  if (response.status == 400 || response.status == 401)
    throw sdk::Error("the token endpoint " + where + " refused the client credentials (HTTP " +
                     std::to_string(response.status) +
                     "; settings client_id, client_secret, "
                     "scope)");
  if (response.status < 200 || response.status > 299)
    throw sdk::Error("the token endpoint " + where + " answered HTTP " +
                     std::to_string(response.status));
  Token token;
  try {
    Poco::JSON::Parser parser;
    const auto root = parser.parse(response.body).extract<Poco::JSON::Object::Ptr>();
    const std::string access = root->optValue<std::string>("access_token", "");
    const std::string type = root->optValue<std::string>("token_type", "Bearer");
    if (access.empty() || Poco::icompare(type, "bearer") != 0) throw std::runtime_error("");
    token.header = "Bearer " + access;
    if (root->has("expires_in")) {
      const auto lifetime = std::chrono::seconds(root->getValue<Poco::Int64>("expires_in"));
      // Renew a little early: a token that expires on the way is a wasted request.
      const auto margin = std::min<std::chrono::seconds>(std::chrono::seconds(30), lifetime / 4);
      token.refreshAt = std::chrono::steady_clock::now() + lifetime - margin;
    }
  } catch (const std::exception&) {
    throw sdk::Error("the token endpoint " + where +
                     " did not answer with a bearer access_token (RFC 6749 §5.1)");
  }
  context_.info("rest: fetched an access token from " + where);
  return token;
}

std::string Fetcher::authorization() {
  if (!config_.oauth) return config_.token.empty() ? std::string() : "Bearer " + config_.token;
  if (token_ && token_->refreshAt && std::chrono::steady_clock::now() >= *token_->refreshAt)
    token_.reset();
  if (!token_) token_ = fetchToken();
  return token_->header;
}

std::string Fetcher::get(const Poco::URI& uri) {
  HttpRequest request;
  request.authorization = authorization();
  HttpResponse response = sendWithRetries(uri, request);
  if (response.status == 401 && config_.oauth) {
    // The token may have been revoked or expired early: one new token, one more try.
    token_.reset();
    request.authorization = authorization();
    response = sendWithRetries(uri, request);
  }
  const std::string where = redacted(uri);
  if (response.status == 401 || response.status == 403)
    throw sdk::Error(
        "HTTP " + std::to_string(response.status) + " from " + where +
        ": the server refused the credentials (" +
        (config_.oauth ? "settings client_id, client_secret, scope" : "setting token") + ")");
  if (response.status < 200 || response.status > 299)
    throw sdk::Error("HTTP " + std::to_string(response.status) + " from " + where);
  return std::move(response.body);
}

void Fetcher::check() {
  try {
    client_.handshake(config_.url);
  } catch (const NetworkError& e) {
    throw sdk::RetryLater(e.what());
  }
  if (config_.oauth) token_ = fetchToken();
}

}  // namespace brobyg::rest
