#include "HttpsConfig.h"

#include <common/FileSettings.h>

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <stdexcept>

namespace brobyg::https {

namespace {

std::string required(const sdk::Settings& settings, const std::string& key) {
  std::string value = settings.string(key);
  if (value.empty()) throw sdk::Error("setting " + key + ": must not be empty");
  if (value.find('\0') != std::string::npos) throw sdk::Error("setting " + key + ": holds NUL");
  return value;
}

std::chrono::seconds duration(const sdk::Settings& settings, const std::string& key,
                              const std::string& fallback, std::chrono::seconds most) {
  std::chrono::seconds value{0};
  try {
    value = files::parseDuration(settings.string(key, fallback));
  } catch (const std::invalid_argument&) {
    throw sdk::Error("setting " + key + ": expected a duration such as 10s, 2m or 1h");
  }
  // Poco takes microseconds in a long; the table bounds the values, create() checks again.
  if (value.count() < 1 || value > most)
    throw sdk::Error("setting " + key + ": must lie between 1s and " +
                     std::to_string(most.count()) + "s");
  return value;
}

bool plainIdCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

// The URL setting: https, a host, an optional port and path; nothing that would end up in a
// log as a secret (user info) or change the target (query, fragment).
void readUrl(const std::string& text, HttpsConfig& config) {
  Poco::URI uri;
  try {
    uri = Poco::URI(text);
  } catch (const Poco::Exception&) {
    throw sdk::Error("setting url: not a URL");
  }
  if (uri.getScheme() != "https") throw sdk::Error("setting url: must start with https://");
  if (uri.getHost().empty()) throw sdk::Error("setting url: names no host");
  if (!uri.getUserInfo().empty() || !uri.getRawQuery().empty() || !uri.getFragment().empty())
    throw sdk::Error("setting url: must not hold a user, a query or a fragment");
  config.host = uri.getHost();
  config.port = uri.getPort();
  config.basePath = uri.getPath().empty() ? "/" : uri.getPath();
  if (config.basePath.back() != '/') config.basePath += '/';
}

}  // namespace

HttpsConfig HttpsConfig::fromSettings(const sdk::Settings& settings) {
  HttpsConfig config;
  readUrl(required(settings, "url"), config);
  config.caFile = required(settings, "ca_file");
  config.certificate = required(settings, "certificate");
  config.keyFile = required(settings, "key_file");
  config.passphrase = settings.string("passphrase");
  config.connectTimeout = duration(settings, "connect_timeout", "10s", std::chrono::minutes(5));
  config.timeout = duration(settings, "timeout", "2m", std::chrono::hours(1));
  return config;
}

std::string HttpsConfig::url() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  return "https://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port) + basePath;
}

std::string HttpsConfig::packagePath(const std::string& packageId) const {
  bool plain = !packageId.empty() && packageId.size() <= 128 && packageId[0] != '.' &&
               packageId[0] != '-' && packageId[0] != '_';
  for (char c : packageId) plain = plain && plainIdCharacter(c);
  if (!plain) throw sdk::Error("the package id is not usable in a URL path");
  return basePath + "packages/" + packageId;
}

}  // namespace brobyg::https
