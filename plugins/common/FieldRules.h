// Turns source values into dataset values, whatever the file format: which field comes from
// the source and which is a constant, value maps, codes, dates, whole numbers, required
// values. A plugin binds each field to a place in its format (a csv column, an XPath) and
// hands the text it finds there to convert(). Built once per instance; reused for every row
// without allocating once its buffers have grown.
#pragma once

#include "DateFormat.h"

#include <brobyg_plugin.h>

#include <brobyg_plugin.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace brobyg::files {

// The settings-table rows of the settings FieldRules reads (besides the plugin's own
// `<source>` map), for a plugin's table.
inline constexpr brobyg_setting_def kDateFormatSetting = {
    "date_format",
    BROBYG_SETTING_STRING,
    0,
    "yyyy-mm-dd",
    nullptr,
    "How dates are written: dd, mm (two digits), d, m (one or two), yyyy, yy (= 20yy), and "
    "separators, e.g. dd-mm-yyyy or d.m.yy. Converted to yyyy-mm-dd."};

inline constexpr brobyg_setting_def kLeadingNumberSetting = {
    "leading_number",
    BROBYG_SETTING_STRING,
    0,
    "",
    nullptr,
    "Whole-number fields, comma-separated (e.g. grade), whose values may go on after the "
    "number, as class names do (7.b, 0.a, 10x): only the leading digits are kept. A value "
    "map entry for the field still wins (value.grade.Bh.kl. = 0)."};

inline constexpr brobyg_setting_def kConstantSetting = {
    "constant",
    BROBYG_SETTING_MAP,
    0,
    nullptr,
    nullptr,
    "Dataset field -> fixed value for every row, when the export lacks it. Example: "
    "constant.municipality = 0101"};

inline constexpr brobyg_setting_def kValueSetting = {
    "value",
    BROBYG_SETTING_MAP,
    0,
    nullptr,
    nullptr,
    "<field>.<source value> -> dataset value, matched after trimming and case-insensitively "
    "(ASCII and ÆØÅ); <field>.* maps any other non-empty value. A code field's value that is "
    "neither mapped nor a valid code rejects the row. Example: value.category.Syg = sick"};

class FieldRules {
 public:
  // Reads the settings `<source>.<field>` (MAP, the field's place in the source, e.g.
  // "column"), constant.<field>, value.<field>.<source value>, leading_number and
  // date_format. `noun` names a place in errors ("column", "path"). Throws sdk::Error naming
  // the setting.
  FieldRules(const sdk::Settings& settings, const sdk::Dataset& dataset, const std::string& source,
             const std::string& noun);

  size_t size() const { return rules_.size(); }
  const std::string& name(size_t field) const { return rules_[field].name; }
  // True when the field's value comes from the source (else a constant, or nothing).
  bool fromSource(size_t field) const { return rules_[field].from == From::Source; }
  // The configured place of a source field: `<source>.<field>`'s value.
  const std::string& place(size_t field) const { return rules_[field].place; }
  // How reasons name the field: "column 'Dato'". Set by the plugin when it binds the field.
  const std::string& label(size_t field) const { return rules_[field].label; }
  void setLabel(size_t field, std::string label) { rules_[field].label = std::move(label); }

  // The value of a field that does not come from the source: its constant, or absent.
  brobyg_str fixed(size_t field) const;

  // Converts the (decoded, UTF-8) `text` of a source field into `out`. On a bad value returns
  // false and sets `reason` (the label and the problem, never the value). `out` points into
  // `text`, this object's buffers or the configuration: valid until the next call.
  bool convert(size_t field, std::string_view text, brobyg_str& out, std::string& reason);

  // Sets `reason` to "<label>: <problem>" and returns false.
  bool fail(size_t field, const char* problem, std::string& reason) const;

 private:
  enum class From { Nothing, Source, Constant };

  struct Rule {
    std::string name;
    brobyg_field_type type = BROBYG_FIELD_TEXT;
    bool required = false;
    std::vector<std::string> codes;
    From from = From::Nothing;
    std::string place;  // as configured: a header name, a column number, an XPath
    std::string constant;
    std::unordered_map<std::string, std::string> values;  // folded, trimmed source -> value
    std::optional<std::string> wildcard;                  // value.<field>.* for any other
    bool leadingNumber = false;                           // keep only the leading digits
    std::string label;
    std::string scratch;  // an ISO date
  };

  Rule& ruleFor(const sdk::Dataset& dataset, const std::string& setting, const std::string& field);
  void readSources(const sdk::Settings& settings, const sdk::Dataset& dataset,
                   const std::string& source, const std::string& noun);
  void readLeadingNumbers(const sdk::Settings& settings, const sdk::Dataset& dataset);
  void addValueEntry(const std::string& key, const std::string& value);
  void validateConstant(const Rule& rule) const;

  std::vector<Rule> rules_;
  DateFormat dateFormat_;
  std::string key_;  // folded lookup key, reused
};

}  // namespace brobyg::files
