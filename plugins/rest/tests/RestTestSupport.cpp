#include "RestTestSupport.h"

#include "RestSettingsTable.h"

namespace brobyg::rest::test {

std::string cprOf(int id) {
  // Day 01-28 of January 2012, sequence 1000 + id: obviously synthetic.
  const std::string day = std::to_string(101 + id % 28).substr(1);
  return day + "0112" + std::to_string(1000 + id % 9000);
}

std::string record(int id, const std::string& updated, const std::string& basis) {
  return "{\"id\":\"m-" + std::to_string(id) + "\",\"updated\":" + jsonString(updated) +
         ",\"child\":{\"cpr\":\"" + cprOf(id) +
         "\"},\"kommune\":\"0101\",\"paragraf\":" + jsonString(basis) +
         ",\"anbringelse\":\"Plejefamilie\",\"periode\":{\"fra\":"
         "\"2024-02-01T00:00:00Z\",\"til\":null}}";
}

std::string page(const std::vector<std::string>& records, const std::string& next) {
  std::string out = "{\"data\":[";
  for (std::size_t i = 0; i < records.size(); ++i) out += (i ? "," : "") + records[i];
  out += "]";
  if (!next.empty()) out += ",\"links\":{\"next\":" + jsonString(next) + "}";
  return out + "}";
}

testing::SettingsMap settingsFor(const HttpsServer& server, const std::string& target) {
  return {{"url", server.url(target)},
          {"ca_file", TestPki::get().file("ca.crt")},
          {"token", kToken},
          {"records", "data"},
          {"field.person", "child.cpr"},
          {"field.municipality", "kommune"},
          {"field.legal_basis", "paragraf"},
          {"field.placement_type", "anbringelse"},
          {"field.start", "periode.fra"},
          {"field.end", "periode.til"},
          {"value.placement_type.Plejefamilie", "21"},
          {"retry_delay", "0s"}};
}

namespace {

testing::SettingsMap complete(const testing::SettingsMap& settings) {
  return testing::withDefaults(kSettings, std::size(kSettings), settings);
}

}  // namespace

PullOutcome pullOnce(const testing::SettingsMap& settings,
                     const std::optional<std::string>& cursor) {
  testing::CreateArgs args(complete(settings), brobyg::testing::datasets::caseMeasure());
  PullOutcome outcome;
  {
    testing::SourceInstance instance(brobyg_plugin_entry(), args);
    if (!instance.created().ok()) {
      outcome.result = instance.created();
      return outcome;
    }
    testing::CapturingSink sink;
    outcome.result = instance.pull(cursor, sink);
    outcome.rows = sink.rows();
    outcome.rejects = sink.rejects();
    outcome.cursor = sink.lastCursor();
  }
  outcome.log = args.logLines();
  return outcome;
}

testing::CallResult checkOnce(const testing::SettingsMap& settings) {
  testing::CreateArgs args(complete(settings), brobyg::testing::datasets::caseMeasure());
  testing::SourceInstance instance(brobyg_plugin_entry(), args);
  if (!instance.created().ok()) return instance.created();
  return instance.check();
}

std::vector<std::string> persons(const std::vector<testing::CapturedRow>& rows) {
  std::vector<std::string> out;
  for (const auto& row : rows) out.push_back(row.values.at(0));
  return out;
}

}  // namespace brobyg::rest::test
