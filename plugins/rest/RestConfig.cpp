#include "RestConfig.h"

#include "Url.h"

#include "common/FileSettings.h"

#include <stdexcept>

namespace brobyg::rest {
namespace {

std::chrono::seconds duration(const sdk::Settings& settings, const std::string& key,
                              const std::string& fallback) {
  try {
    return files::parseDuration(settings.string(key, fallback));
  } catch (const std::invalid_argument&) {
    throw sdk::Error("setting " + key + ": expected a duration such as 30s, 5m, 2h or 1d");
  }
}

JsonPath path(const sdk::Settings& settings, const std::string& key) {
  try {
    return JsonPath(settings.string(key));
  } catch (const std::invalid_argument& e) {
    throw sdk::Error("setting " + key + ": " + e.what());
  }
}

std::string required(const sdk::Settings& settings, const std::string& key,
                     const std::string& because) {
  std::string value = settings.string(key);
  if (value.empty()) throw sdk::Error("setting " + key + ": required with " + because);
  return value;
}

void readAuth(const sdk::Settings& settings, RestConfig& config) {
  config.token = settings.string("token");
  const std::string tokenUrl = settings.string("token_url");
  if (tokenUrl.empty()) {
    for (const char* key : {"client_id", "client_secret", "scope"})
      if (!settings.string(key).empty())
        throw sdk::Error(std::string("setting ") + key + ": only used with token_url");
    return;
  }
  if (!config.token.empty())
    throw sdk::Error("settings token and token_url: give one of them (a bearer token or OAuth2)");
  OAuthConfig oauth;
  oauth.tokenUrl = parseHttpsUrl(tokenUrl, "token_url");
  oauth.clientId = required(settings, "client_id", "token_url");
  oauth.clientSecret = required(settings, "client_secret", "token_url");
  oauth.scope = settings.string("scope");
  config.oauth = std::move(oauth);
}

void readPaging(const sdk::Settings& settings, RestConfig& config) {
  const std::string paging = settings.string("paging", "none");
  if (paging == "none") {
    config.paging = Paging::None;
  } else if (paging == "next_link") {
    config.paging = Paging::NextLink;
    config.nextPath = path(settings, "next_path");
    if (config.nextPath->empty())
      throw sdk::Error("setting next_path: required with paging next_link");
  } else if (paging == "offset") {
    config.paging = Paging::Offset;
    config.offsetParam = settings.string("offset_param", "offset");
    config.limitParam = settings.string("limit_param", "limit");
    if (config.offsetParam.empty() || config.limitParam.empty() ||
        config.offsetParam == config.limitParam)
      throw sdk::Error("settings offset_param and limit_param: two different names needed");
  } else {
    throw sdk::Error("setting paging: must be none, next_link or offset");
  }
  config.pageSize =
      static_cast<std::size_t>(files::boundedSetting(settings, "page_size", 100, 1, 10000));
  config.maxPages =
      static_cast<std::size_t>(files::boundedSetting(settings, "max_pages", 10000, 1, 1000000));
}

void readIncremental(const sdk::Settings& settings, RestConfig& config) {
  const std::string since = settings.string("since_param");
  if (since.empty()) {
    for (const char* key : {"cursor_field", "tie_breaker"})
      if (!settings.string(key).empty())
        throw sdk::Error(std::string("setting ") + key + ": only used with since_param");
    return;
  }
  IncrementalConfig incremental;
  incremental.sinceParam = since;
  incremental.cursorField = path(settings, "cursor_field");
  incremental.tieBreaker = path(settings, "tie_breaker");
  if (incremental.cursorField.empty())
    throw sdk::Error("setting cursor_field: required with since_param");
  if (incremental.tieBreaker.empty())
    throw sdk::Error("setting tie_breaker: required with since_param");
  if (config.paging == Paging::Offset &&
      (since == config.offsetParam || since == config.limitParam))
    throw sdk::Error("setting since_param: the same name as offset_param or limit_param");
  config.incremental = std::move(incremental);
}

}  // namespace

RestConfig RestConfig::fromSettings(const sdk::Settings& settings) {
  RestConfig config;
  config.url = parseHttpsUrl(settings.string("url"), "url");
  config.caFile = settings.string("ca_file");
  if (config.caFile.empty()) throw sdk::Error("setting ca_file: required");
  readAuth(settings, config);
  config.records = path(settings, "records");
  readPaging(settings, config);
  readIncremental(settings, config);
  config.maxResponseBytes = static_cast<std::size_t>(files::boundedSetting(
      settings, "max_response_bytes", 16 * 1024 * 1024, 1024, 1024 * 1024 * 1024));
  config.timeout = duration(settings, "timeout", "30s");
  if (config.timeout.count() < 1) throw sdk::Error("setting timeout: at least 1s");
  config.maxAttempts = static_cast<int>(files::boundedSetting(settings, "max_attempts", 5, 1, 20));
  config.retryDelay = duration(settings, "retry_delay", "2s");
  config.maxRetryAfter = duration(settings, "max_retry_after", "5m");
  return config;
}

}  // namespace brobyg::rest
