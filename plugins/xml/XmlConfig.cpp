#include "XmlConfig.h"

namespace brobyg::xml {
namespace {

bool isNameStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// An XML NCName as far as the ASCII prefixes of real exports go: no colon, no space.
bool isPrefix(const std::string& text) {
  if (text.empty() || !isNameStart(text[0])) return false;
  for (char c : text)
    if (!isNameStart(c) && !(c >= '0' && c <= '9') && c != '-' && c != '.') return false;
  return true;
}

}  // namespace

XmlConfig XmlConfig::fromSettings(const sdk::Settings& settings) {
  XmlConfig config;
  static_cast<files::FileSettings&>(config) = files::FileSettings::fromSettings(settings, "*.xml");
  config.record = settings.string("record");
  if (config.record.empty()) throw sdk::Error("setting record: required");
  for (const auto& [prefix, uri] : settings.map("namespace")) {
    if (!isPrefix(prefix) || prefix.rfind("xml", 0) == 0)
      throw sdk::Error("setting namespace." + prefix +
                       ": the prefix must be a name without a colon (and not start with xml)");
    if (uri.empty()) throw sdk::Error("setting namespace." + prefix + ": names no namespace URI");
    for (const auto& [other, otherUri] : config.namespaces)
      if (otherUri == uri)
        throw sdk::Error("settings namespace." + other + " and namespace." + prefix +
                         ": one prefix per namespace URI");
    config.namespaces[prefix] = uri;
  }
  config.maxFileBytes = static_cast<std::uint64_t>(files::boundedSetting(
      settings, "max_file_bytes", kDefaultMaxFileBytes, kMinFileBytes, kMaxFileBytes));
  return config;
}

}  // namespace brobyg::xml
