// The https plugin's settings, checked once when the instance is created.
#pragma once

#include <brobyg_plugin.hpp>

#include <chrono>
#include <cstdint>
#include <string>

namespace brobyg::https {

struct HttpsConfig {
  std::string host;
  std::uint16_t port = 443;
  std::string basePath = "/";  // always ends with '/'
  std::string caFile;
  std::string certificate;
  std::string keyFile;
  std::string passphrase;  // secret: never in a message
  std::chrono::seconds connectTimeout{10};
  std::chrono::seconds timeout{120};

  // Throws sdk::Error naming the setting (never a secret's value).
  static HttpsConfig fromSettings(const sdk::Settings& settings);

  // "https://host:port/base/", for messages.
  std::string url() const;
  // The path a package is PUT to: <base>packages/<id>. Throws sdk::Error when the id is not
  // a plain id (letters, digits, '.', '_', '-', starting with a letter or digit).
  std::string packagePath(const std::string& packageId) const;
};

}  // namespace brobyg::https
