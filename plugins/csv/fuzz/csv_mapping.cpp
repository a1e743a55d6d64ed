// Fuzz target: the field mapping. The input chooses the encoding, trim, date_format, a value
// map entry, leading_number, and the fields of one row; map() must either give values that
// pass the dataset's own checks for dates and whole numbers, or a reason that names the
// column by its number and then one of the fixed problems (never the value).
#include "FieldMapping.h"
#include "FuzzSupport.h"

#include <common/DateFormat.h>
#include <testing/StandardDatasets.hpp>

#include <stdexcept>

namespace brobyg::csv::fuzz {

using files::DateFormat;
namespace {

bool allDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

void mapOneRow(Picker& in) {
  const std::uint8_t style = in.byte();
  const std::string dateFormat(in.text());
  const std::string mapFrom(in.text());
  const std::string mapTo(in.text());
  testing::SettingsMap values = {{"directory", "/nonexistent"},
                                 {"header", "false"},
                                 {"column.person", "1"},
                                 {"column.date", "2"},
                                 {"column.category", "3"},
                                 {"column.grade", "4"},
                                 {"column.lesson", "5"},
                                 {"column.school", "6"},
                                 {"constant.municipality", "0101"},
                                 {"encoding", (style & 1) != 0 ? "windows-1252" : "utf-8"},
                                 {"trim", (style & 2) != 0 ? "true" : "false"},
                                 {"date_format", dateFormat},
                                 {"leading_number", (style & 4) != 0 ? "grade,lesson" : ""}};
  if (!mapFrom.empty()) values["value.category." + mapFrom] = mapTo;
  if ((style & 8) != 0) values["value.grade." + mapFrom] = mapTo;
  const FuzzSettings settings(values);
  std::optional<CsvConfig> config;
  std::optional<FieldMapping> mapping;
  try {
    config.emplace(CsvConfig::fromSettings(settings.settings()));
    mapping.emplace(settings.settings(), sdk::Dataset(brobyg::testing::datasets::absenceEvent()),
                    *config);
  } catch (const sdk::Error&) {
    return;  // a configuration the plugin refuses: create() fails with a message
  }
  mapping->bindNumbers();
  std::vector<std::string> row;
  for (int i = 0; i < 7; ++i) row.emplace_back(in.text());
  const std::vector<std::string_view> fields(row.begin(), row.end());
  std::vector<brobyg_str> out;
  std::string reason;
  if (!mapping->map(fields, out, reason)) {
    static constexpr const char* kProblems[] = {
        "not valid UTF-8 (setting encoding)", "value not in value map", "required value is empty",
        "does not start with a whole number", "not a whole number"};
    // Columns are numbered 1 to 6 here: "column N: <problem>".
    const bool shaped = reason.size() > 10 && reason.rfind("column ", 0) == 0 && reason[7] >= '1' &&
                        reason[7] <= '6' && reason.compare(8, 2, ": ") == 0;
    const std::string problem = shaped ? reason.substr(10) : std::string();
    // The configured pattern as the plugin got it (a C string: up to a NUL byte).
    bool known = problem == "date does not match " + config->dateFormat;
    for (const char* fixed : kProblems) known |= problem == fixed;
    if (!known) {
      std::fprintf(stderr, "reason: %s\n", reason.c_str());  // synthetic fuzz input only
      violated("reject reason is not a column and a fixed problem");
    }
    return;
  }
  const brobyg_dataset_def* dataset = testing::datasets::absenceEvent();
  if (out.size() != dataset->field_count) violated("wrong number of values");
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i].data == nullptr) continue;
    const std::string_view value(out[i].data, out[i].size);
    const std::string_view name = dataset->fields[i].name;
    if (name == "date" && !DateFormat::isIsoDate(value)) violated("date not ISO");
    if ((name == "grade" || name == "lesson") && !allDigits(value) && !value.empty())
      violated("whole number with other characters");
  }
}

void parseOneDate(Picker& in) {
  const std::string_view pattern = in.text();
  const std::string_view text = in.rest();
  try {
    const DateFormat format(pattern);
    char iso[10];
    if (format.parse(text, iso) && !DateFormat::isIsoDate(std::string_view(iso, 10)))
      violated("parsed date is not a real ISO date");
  } catch (const std::invalid_argument&) {
  }
}

}  // namespace
}  // namespace brobyg::csv::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  using namespace brobyg::csv::fuzz;
  Picker in(data, size);
  if ((in.byte() & 1) != 0) {
    parseOneDate(in);
  } else {
    mapOneRow(in);
  }
  return 0;
}
