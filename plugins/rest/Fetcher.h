// Gets pages: authorisation (a static bearer token, or OAuth2 client credentials fetched
// when missing or expired and once again after a 401), and retries with backoff on 429, 5xx
// and network errors, honouring Retry-After. After the last try: sdk::RetryLater.
#pragma once

#include "HttpsClient.h"
#include "RestConfig.h"

#include <brobyg_plugin.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace brobyg::rest {

class Fetcher {
 public:
  // `sleep` waits between tries (tests may count instead of waiting).
  using Sleep = std::function<void(std::chrono::seconds)>;
  Fetcher(const RestConfig& config, const sdk::Context& context, Sleep sleep = {});

  // The body of a 2xx answer to GET `uri`. Throws sdk::RetryLater after the last try,
  // sdk::Error for any other failure; both name the URL without its query.
  std::string get(const Poco::URI& uri);

  // brobyg check: the TLS handshake with the API's server, and a token when OAuth2 is used.
  void check();

 private:
  struct Token {
    std::string header;  // "Bearer ..."
    std::optional<std::chrono::steady_clock::time_point> refreshAt;
  };

  // One request with the retry policy; 2xx and 4xx answers are returned.
  HttpResponse sendWithRetries(const Poco::URI& uri, const HttpRequest& request);
  std::string authorization();
  Token fetchToken();

  const RestConfig& config_;
  const sdk::Context& context_;
  HttpsClient client_;
  Sleep sleep_;
  std::optional<Token> token_;
};

}  // namespace brobyg::rest
