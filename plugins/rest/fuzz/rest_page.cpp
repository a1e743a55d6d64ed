// Fuzz target: a response body read as a page (the JSON syntax check, Poco's parser, the
// records path and the next link), then every record mapped to case_measure and checked for
// the cursor fields. The syntax check and Poco must agree: a body the check accepts is one
// Poco parses. A mapped record's dates are ISO dates; a reason never quotes the record.
#include "JsonSyntax.h"
#include "Page.h"
#include "RecordMapping.h"
#include "SinceCursor.h"

#include <common/DateFormat.h>
#include <testing/StandardDatasets.hpp>

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>

namespace brobyg::rest::fuzz {
namespace {

sdk::Settings settingsOf(const std::map<std::string, std::string>& values) {
  std::vector<brobyg_setting> list;
  for (const auto& [key, value] : values) list.push_back({key.c_str(), value.c_str()});
  return sdk::Settings(list.data(), list.size());
}

RecordMapping& mapping() {
  static const std::map<std::string, std::string> values = {
      {"field.person", "child.cpr"},
      {"field.municipality", "municipality"},
      {"field.legal_basis", "decision.basis"},
      {"field.placement_type", "decision.placement"},
      {"field.start", "period.0"},
      {"field.end", "period.1"},
      {"value.placement_type.Plejefamilie", "21"},
      {"date_format", "dd-mm-yyyy"}};
  static RecordMapping instance(settingsOf(values),
                                sdk::Dataset(brobyg::testing::datasets::caseMeasure()));
  return instance;
}

void require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace
}  // namespace brobyg::rest::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace brobyg::rest;
  const std::string body(reinterpret_cast<const char*>(data), size);
  static const JsonPath records("data");
  static const std::optional<JsonPath> next(JsonPath("links.next"));
  static const JsonPath cursorField("updated");
  // The syntax check and Poco agree: what the check accepts, Poco parses.
  if (!checkJsonSyntax(body)) {
    try {
      Poco::JSON::Parser parser;
      parser.parse(body);
    } catch (const Poco::Exception&) {
      fuzz::require(false);
    }
  }
  Page page;
  try {
    page = readPage(body, records, next);
  } catch (const PageError&) {
    return 0;
  }
  std::vector<brobyg_str> values;
  std::string reason;
  SinceCursor cursor;
  for (std::size_t i = 0; i < page.records->size(); ++i) {
    const Poco::Dynamic::Var record = page.records->get(static_cast<unsigned int>(i));
    if (auto value = scalarText(cursorField.find(record)); value && !value->empty())
      cursor.deliver(*value, std::to_string(i));
    if (!fuzz::mapping().map(record, values, reason)) {
      fuzz::require(!reason.empty());
      continue;
    }
    for (std::size_t field : {std::size_t{4}, std::size_t{5}})
      if (values[field].size != 0)
        fuzz::require(brobyg::files::DateFormat::isIsoDate(
            std::string_view(values[field].data, values[field].size)));
  }
  fuzz::require(SinceCursor::parse(cursor.serialise()).serialise() == cursor.serialise());
  return 0;
}
