// Turns a record's columns into dataset values: column binding, constants, value maps,
// encoding, and per-type checks. Built once per instance; reused for every row without
// allocating once its buffers have grown.
#pragma once

#include "CsvConfig.h"
#include "DateFormat.h"

#include <brobyg_plugin.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace brobyg::csv {

class FieldMapping {
 public:
  // Throws sdk::Error naming the setting (column.<field>, constant.<field>, value.<entry>).
  FieldMapping(const sdk::Settings& settings, const sdk::Dataset& dataset, const CsvConfig& config);

  // Binds configured column names to positions in a file's header (raw header fields, in the
  // file's encoding). Returns an error text for the admin, or nothing when every name binds.
  std::optional<std::string> bindHeader(const std::vector<std::string_view>& header);
  // Binds configured 1-based column numbers (header = false).
  void bindNumbers();
  // The highest bound column position + 1: a row needs at least this many columns.
  size_t columnsNeeded() const { return columnsNeeded_; }

  // Fills `values` (one per dataset field, in dataset order). On a bad value returns false
  // and sets `reason` (naming the column, never the value). Views point into `fields`, this
  // object's buffers or the configuration: valid until the next call.
  bool map(const std::vector<std::string_view>& fields, std::vector<brobyg_str>& values,
           std::string& reason);

  size_t fieldCount() const { return rules_.size(); }

 private:
  enum class From { Nothing, Column, Constant };

  struct Rule {
    std::string name;
    brobyg_field_type type = BROBYG_FIELD_TEXT;
    bool required = false;
    std::vector<std::string> codes;
    From from = From::Nothing;
    std::string column;  // as configured: a header name, or a 1-based number
    std::string constant;
    std::unordered_map<std::string, std::string> values;  // folded, trimmed source -> value
    std::optional<std::string> wildcard;                  // value.<field>.* for any other
    bool leadingNumber = false;                           // keep only the leading digits
    size_t position = 0;                                  // bound column, 0-based
    std::string label;                                    // "column 'Dato'" / "column 3"
    std::string scratch;                                  // converted value or ISO date
  };

  void addValueEntry(const std::string& key, const std::string& value);
  void validateConstant(const Rule& rule) const;
  // Decodes `raw` to UTF-8 if needed; false when it is not valid in the file's encoding.
  bool decode(std::string_view raw, Rule& rule, std::string_view& text);
  bool fail(const Rule& rule, const char* problem, std::string& reason) const;

  std::vector<Rule> rules_;
  Encoding encoding_;
  bool trim_;
  bool header_;
  DateFormat dateFormat_;
  size_t columnsNeeded_ = 0;
  std::string key_;  // folded lookup key, reused
};

}  // namespace brobyg::csv
