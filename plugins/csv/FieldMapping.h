// Turns a record's columns into dataset values: binds the configured columns to a file's
// header (or numbers), decodes the file's encoding, trims, and leaves the rest (constants,
// value maps, codes, dates, numbers) to the shared files::FieldRules. Built once per
// instance; reused for every row without allocating once its buffers have grown.
#pragma once

#include "CsvConfig.h"

#include <common/FieldRules.h>

#include <brobyg_plugin.hpp>

#include <optional>
#include <string>
#include <string_view>
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
  // Decodes `raw` to UTF-8 if needed (into `buffer`); false when it is not valid in the
  // file's encoding.
  bool decode(std::string_view raw, std::string& buffer, std::string_view& text) const;

  files::FieldRules rules_;
  Encoding encoding_;
  bool trim_;
  std::vector<size_t> positions_;     // bound column of each source field, 0-based
  std::vector<std::string> decoded_;  // per field: a Windows-1252 value converted
  size_t columnsNeeded_ = 0;
};

}  // namespace brobyg::csv
