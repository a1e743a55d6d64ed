// The rest plugin's settings, parsed and checked once at create().
#pragma once

#include "JsonPath.h"

#include <brobyg_plugin.hpp>

#include <Poco/URI.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

namespace brobyg::rest {

enum class Paging { None, NextLink, Offset };

struct OAuthConfig {
  Poco::URI tokenUrl;
  std::string clientId;
  std::string clientSecret;
  std::string scope;
};

struct IncrementalConfig {
  std::string sinceParam;
  JsonPath cursorField;
  JsonPath tieBreaker;
};

struct RestConfig {
  Poco::URI url;
  std::string caFile;
  std::string token;                 // a static bearer token, or empty
  std::optional<OAuthConfig> oauth;  // client credentials instead of a token
  JsonPath records;
  Paging paging = Paging::None;
  std::optional<JsonPath> nextPath;  // paging next_link
  std::string offsetParam = "offset";
  std::string limitParam = "limit";
  std::size_t pageSize = 100;
  std::size_t maxPages = 10000;
  std::optional<IncrementalConfig> incremental;
  std::size_t maxResponseBytes = 16 * 1024 * 1024;
  std::chrono::seconds timeout{30};
  int maxAttempts = 5;
  std::chrono::seconds retryDelay{2};
  std::chrono::seconds maxRetryAfter{300};

  // Throws sdk::Error naming the offending setting, never a secret's value.
  static RestConfig fromSettings(const sdk::Settings& settings);
};

}  // namespace brobyg::rest
