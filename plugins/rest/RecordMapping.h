// Turns one JSON record into dataset values: each source field's JSON path (field.<f>) gives
// the text that the shared FieldRules (constants, value maps, codes, dates, whole numbers)
// converts, as the csv plugin's columns do. Built once per instance.
#pragma once

#include "JsonPath.h"

#include "common/FieldRules.h"

#include <brobyg_plugin.hpp>

#include <Poco/Dynamic/Var.h>

#include <optional>
#include <string>
#include <vector>

namespace brobyg::rest {

// The text of a scalar JSON value: a string as it is, a number as written, true/false; ""
// for null or a missing value. Nothing for an object or array.
std::optional<std::string> scalarText(const Poco::Dynamic::Var& value);

class RecordMapping {
 public:
  // Throws sdk::Error naming the setting (field.<f>, constant.<f>, value.<entry>, date_format).
  RecordMapping(const sdk::Settings& settings, const sdk::Dataset& dataset);

  // Fills `values` (one per dataset field, in dataset order). On a bad value returns false
  // and sets `reason` (naming the field and its path, never the value). Views point into
  // this object's buffers or the configuration: valid until the next call.
  bool map(const Poco::Dynamic::Var& record, std::vector<brobyg_str>& values, std::string& reason);

 private:
  files::FieldRules rules_;
  std::vector<JsonPath> paths_;     // per field; empty when not from the record
  std::vector<bool> dates_;         // per field: a date, whose time part is dropped
  std::vector<std::string> texts_;  // per field: this record's text
  bool cutTime_;                    // date_format has no 'T'
};

}  // namespace brobyg::rest
