#include "PgParameters.h"

#include <libpq-fe.h>

#include <algorithm>
#include <memory>

namespace brobyg::sql {
namespace {

std::vector<const char*> cStrings(const std::vector<std::string>& texts) {
  std::vector<const char*> out;
  for (const std::string& text : texts) out.push_back(text.c_str());
  out.push_back(nullptr);
  return out;
}

}  // namespace

PgParameters PgParameters::of(const SqlConfig& config) {
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(
      PQconninfoParse(config.connection.c_str(), &error), &PQconninfoFree);
  if (!options) {
    std::string reason = error != nullptr ? error : "out of memory";
    PQfreemem(error);
    while (!reason.empty() && reason.back() == '\n') reason.pop_back();
    throw sdk::Error("setting connection: not libpq keyword=value pairs (" + config.scrub(reason) +
                     ")");
  }
  PgParameters parameters;
  for (const PQconninfoOption* option = options.get(); option->keyword != nullptr; ++option)
    if (option->val != nullptr) parameters.set(option->keyword, option->val);
  if (!parameters.has("connect_timeout"))
    parameters.set("connect_timeout", std::to_string(config.queryTimeout.count()));
  if (!parameters.has("fallback_application_name"))
    parameters.set("fallback_application_name", "brobyg");
  if (!config.password.empty()) parameters.set("password", config.password);
  return parameters;
}

std::vector<const char*> PgParameters::keywordArray() const {
  return cStrings(keywords);
}

std::vector<const char*> PgParameters::valueArray() const {
  return cStrings(values);
}

void PgParameters::set(const std::string& keyword, const std::string& value) {
  const auto at = std::find(keywords.begin(), keywords.end(), keyword);
  if (at != keywords.end()) {
    values[static_cast<std::size_t>(at - keywords.begin())] = value;
    return;
  }
  keywords.push_back(keyword);
  values.push_back(value);
}

bool PgParameters::has(const std::string& keyword) const {
  return std::find(keywords.begin(), keywords.end(), keyword) != keywords.end();
}

}  // namespace brobyg::sql
