#include "FieldMapping.h"

#include <common/Text.h>

#include <algorithm>
#include <charconv>

namespace brobyg::csv {
namespace {

// A positive column number as written in column.<field> when the files have no header.
std::optional<size_t> columnNumber(const std::string& text) {
  size_t number = 0;
  const auto parsed = std::from_chars(text.data(), text.data() + text.size(), number);
  if (parsed.ec != std::errc() || parsed.ptr != text.data() + text.size() || number == 0)
    return std::nullopt;
  return number;
}

}  // namespace

FieldMapping::FieldMapping(const sdk::Settings& settings, const sdk::Dataset& dataset,
                           const CsvConfig& config)
    : rules_(settings, dataset, "column", "column"),
      encoding_(config.encoding),
      trim_(config.trim),
      positions_(rules_.size()),
      decoded_(rules_.size()) {
  if (config.header) return;
  for (const auto& [field, column] : settings.map("column"))  // in setting order
    if (!columnNumber(column))
      throw sdk::Error("setting column." + field +
                       ": must be a column number (1, 2, ...) when header is false");
}

std::optional<std::string> FieldMapping::bindHeader(const std::vector<std::string_view>& header) {
  std::vector<std::string> names;
  names.reserve(header.size());
  for (std::string_view raw : header) {
    std::string text;
    if (encoding_ == Encoding::Windows1252) {
      files::appendWindows1252AsUtf8(raw, text);
    } else {
      if (!files::isValidUtf8(raw))
        return std::string("the header is not valid UTF-8 (setting encoding)");
      text.assign(raw);
    }
    names.push_back(files::folded(files::trim(text)));
  }
  columnsNeeded_ = 0;
  for (size_t i = 0; i < rules_.size(); ++i) {
    if (!rules_.fromSource(i)) continue;
    const std::string& column = rules_.place(i);
    const std::string wanted = files::folded(files::trim(column));
    const auto first = std::find(names.begin(), names.end(), wanted);
    if (first == names.end())
      return "the header has no column '" + column + "' (setting column." + rules_.name(i) + ")";
    if (std::find(first + 1, names.end(), wanted) != names.end())
      return "the header has column '" + column + "' more than once (setting column." +
             rules_.name(i) + ")";
    positions_[i] = static_cast<size_t>(first - names.begin());
    rules_.setLabel(i, "column '" + column + "'");
    columnsNeeded_ = std::max(columnsNeeded_, positions_[i] + 1);
  }
  return std::nullopt;
}

void FieldMapping::bindNumbers() {
  columnsNeeded_ = 0;
  for (size_t i = 0; i < rules_.size(); ++i) {
    if (!rules_.fromSource(i)) continue;
    positions_[i] = *columnNumber(rules_.place(i)) - 1;
    rules_.setLabel(i, "column " + rules_.place(i));
    columnsNeeded_ = std::max(columnsNeeded_, positions_[i] + 1);
  }
}

bool FieldMapping::decode(std::string_view raw, std::string& buffer, std::string_view& text) const {
  if (files::isAscii(raw)) {
    text = raw;
    return true;
  }
  if (encoding_ == Encoding::Utf8) {
    text = raw;
    return files::isValidUtf8(raw);
  }
  buffer.clear();
  files::appendWindows1252AsUtf8(raw, buffer);
  text = buffer;
  return true;
}

bool FieldMapping::map(const std::vector<std::string_view>& fields, std::vector<brobyg_str>& values,
                       std::string& reason) {
  values.resize(rules_.size());
  for (size_t i = 0; i < rules_.size(); ++i) {
    if (!rules_.fromSource(i)) {
      values[i] = rules_.fixed(i);
      continue;
    }
    std::string_view text;
    if (!decode(fields[positions_[i]], decoded_[i], text))
      return rules_.fail(i, "not valid UTF-8 (setting encoding)", reason);
    if (trim_) text = files::trim(text);
    if (!rules_.convert(i, text, values[i], reason)) return false;
  }
  return true;
}

}  // namespace brobyg::csv
