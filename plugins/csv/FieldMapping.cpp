#include "FieldMapping.h"

#include "Text.h"

#include <algorithm>
#include <charconv>

namespace brobyg::csv {
namespace {

bool isWholeNumber(std::string_view text) {
  if (text.empty()) return false;
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A positive column number as written in column.<field> when the files have no header.
std::optional<size_t> columnNumber(const std::string& text) {
  size_t number = 0;
  const auto parsed = std::from_chars(text.data(), text.data() + text.size(), number);
  if (parsed.ec != std::errc() || parsed.ptr != text.data() + text.size() || number == 0)
    return std::nullopt;
  return number;
}

std::string joinCodes(const std::vector<std::string>& codes) {
  std::string out;
  for (const std::string& code : codes) out += (out.empty() ? "" : "|") + code;
  return out;
}

const std::string* findCode(const std::vector<std::string>& codes, std::string_view folded) {
  for (const std::string& code : codes)
    if (code == folded) return &code;
  return nullptr;
}

}  // namespace

FieldMapping::FieldMapping(const sdk::Settings& settings, const sdk::Dataset& dataset,
                           const CsvConfig& config)
    : encoding_(config.encoding),
      trim_(config.trim),
      header_(config.header),
      dateFormat_(config.dateFormat) {
  if (dataset.fields().empty()) throw sdk::Error("the host passed no dataset to the csv source");
  for (const sdk::Field& field : dataset.fields()) {
    Rule rule;
    rule.name = field.name;
    rule.type = field.type;
    rule.required = field.required;
    rule.codes = field.codes;
    rules_.push_back(std::move(rule));
  }
  auto ruleFor = [&](const std::string& setting, const std::string& field) -> Rule& {
    auto index = dataset.index(field);
    if (!index)
      throw sdk::Error("setting " + setting + ": '" + field + "' is not a field of dataset " +
                       dataset.name());
    return rules_[*index];
  };

  for (const auto& [field, column] : settings.map("column")) {
    Rule& rule = ruleFor("column." + field, field);
    if (column.empty()) throw sdk::Error("setting column." + field + ": names no column");
    if (!header_ && !columnNumber(column))
      throw sdk::Error("setting column." + field +
                       ": must be a column number (1, 2, ...) when header is false");
    rule.from = From::Column;
    rule.column = column;
  }
  // One source column feeds one field: a CPR column mapped to a second field would carry the
  // number past the pseudonymiser.
  for (const Rule& a : rules_)
    for (const Rule& b : rules_)
      if (&a < &b && a.from == From::Column && b.from == From::Column &&
          csv::folded(trim(a.column)) == csv::folded(trim(b.column)))
        throw sdk::Error("settings column." + a.name + " and column." + b.name +
                         " name the same source column; map each column to one field");
  for (const auto& [field, value] : settings.map("constant")) {
    Rule& rule = ruleFor("constant." + field, field);
    if (rule.from == From::Column)
      throw sdk::Error("settings column." + field + " and constant." + field +
                       ": give the field one of them");
    rule.from = From::Constant;
    rule.constant = value;
    validateConstant(rule);
  }
  for (const auto& [key, value] : settings.map("value")) addValueEntry(key, value);

  std::string list = settings.string("leading_number");
  for (std::size_t start = 0; start < list.size();) {
    std::size_t comma = list.find(',', start);
    std::string field(trim(std::string_view(list).substr(start, comma - start)));
    start = comma == std::string::npos ? list.size() : comma + 1;
    if (field.empty()) continue;
    Rule& rule = ruleFor("leading_number", field);
    if (rule.type != BROBYG_FIELD_INT)
      throw sdk::Error("setting leading_number: '" + field + "' is not a whole-number field");
    rule.leadingNumber = true;
  }

  for (const Rule& rule : rules_) {
    if (rule.required && rule.from == From::Nothing)
      throw sdk::Error("setting column." + rule.name + ": required (dataset field '" + rule.name +
                       "' needs a column or a constant." + rule.name + ")");
  }
}

void FieldMapping::addValueEntry(const std::string& key, const std::string& value) {
  const std::string setting = "value." + key;
  const size_t dot = key.find('.');
  if (dot == std::string::npos)
    throw sdk::Error("setting " + setting + ": write value.<field>.<source value>");
  const std::string field = key.substr(0, dot);
  auto it =
      std::find_if(rules_.begin(), rules_.end(), [&](const Rule& r) { return r.name == field; });
  if (it == rules_.end())
    throw sdk::Error("setting " + setting + ": '" + field + "' is not a dataset field");
  Rule& rule = *it;
  if (rule.type == BROBYG_FIELD_CODE && findCode(rule.codes, value) == nullptr)
    throw sdk::Error("setting " + setting + ": must be one of " + joinCodes(rule.codes));
  const std::string source = key.substr(dot + 1);
  if (source == "*") {
    rule.wildcard = value;
    return;
  }
  const std::string folded = csv::folded(trim(source));
  auto [existing, inserted] = rule.values.emplace(folded, value);
  if (!inserted && existing->second != value)
    throw sdk::Error("setting " + setting + ": conflicts with another value." + field +
                     " entry that differs only in case or spaces");
}

void FieldMapping::validateConstant(const Rule& rule) const {
  const std::string setting = "setting constant." + rule.name;
  if (rule.constant.empty()) throw sdk::Error(setting + ": must not be empty");
  if (rule.type == BROBYG_FIELD_CODE && findCode(rule.codes, rule.constant) == nullptr)
    throw sdk::Error(setting + ": must be one of " + joinCodes(rule.codes));
  if (rule.type == BROBYG_FIELD_DATE && !DateFormat::isIsoDate(rule.constant))
    throw sdk::Error(setting + ": must be a date written yyyy-mm-dd");
  if (rule.type == BROBYG_FIELD_INT && !isWholeNumber(rule.constant))
    throw sdk::Error(setting + ": must be a whole number");
}

std::optional<std::string> FieldMapping::bindHeader(const std::vector<std::string_view>& header) {
  std::vector<std::string> names;
  names.reserve(header.size());
  for (std::string_view raw : header) {
    std::string text;
    if (encoding_ == Encoding::Windows1252) {
      appendWindows1252AsUtf8(raw, text);
    } else {
      if (!isValidUtf8(raw)) return std::string("the header is not valid UTF-8 (setting encoding)");
      text.assign(raw);
    }
    names.push_back(folded(trim(text)));
  }
  columnsNeeded_ = 0;
  for (Rule& rule : rules_) {
    if (rule.from != From::Column) continue;
    const std::string wanted = folded(trim(rule.column));
    const auto first = std::find(names.begin(), names.end(), wanted);
    if (first == names.end())
      return "the header has no column '" + rule.column + "' (setting column." + rule.name + ")";
    if (std::find(first + 1, names.end(), wanted) != names.end())
      return "the header has column '" + rule.column + "' more than once (setting column." +
             rule.name + ")";
    rule.position = static_cast<size_t>(first - names.begin());
    rule.label = "column '" + rule.column + "'";
    columnsNeeded_ = std::max(columnsNeeded_, rule.position + 1);
  }
  return std::nullopt;
}

void FieldMapping::bindNumbers() {
  columnsNeeded_ = 0;
  for (Rule& rule : rules_) {
    if (rule.from != From::Column) continue;
    rule.position = *columnNumber(rule.column) - 1;
    rule.label = "column " + rule.column;
    columnsNeeded_ = std::max(columnsNeeded_, rule.position + 1);
  }
}

bool FieldMapping::decode(std::string_view raw, Rule& rule, std::string_view& text) {
  if (isAscii(raw)) {
    text = raw;
    return true;
  }
  if (encoding_ == Encoding::Utf8) {
    text = raw;
    return isValidUtf8(raw);
  }
  rule.scratch.clear();
  appendWindows1252AsUtf8(raw, rule.scratch);
  text = rule.scratch;
  return true;
}

bool FieldMapping::fail(const Rule& rule, const char* problem, std::string& reason) const {
  reason.assign(rule.label);
  reason += ": ";
  reason += problem;
  return false;
}

bool FieldMapping::map(const std::vector<std::string_view>& fields, std::vector<brobyg_str>& values,
                       std::string& reason) {
  values.resize(rules_.size());
  for (size_t i = 0; i < rules_.size(); ++i) {
    Rule& rule = rules_[i];
    brobyg_str& out = values[i];
    if (rule.from != From::Column) {
      out = rule.from == From::Constant ? brobyg_str{rule.constant.data(), rule.constant.size()}
                                        : brobyg_str{nullptr, 0};
      continue;
    }
    std::string_view text;
    if (!decode(fields[rule.position], rule, text))
      return fail(rule, "not valid UTF-8 (setting encoding)", reason);
    if (trim_) text = trim(text);

    bool mapped = false;
    const bool needKey = !rule.values.empty() || rule.type == BROBYG_FIELD_CODE;
    if (needKey) {
      key_.clear();
      appendFolded(trim(text), key_);
      if (auto hit = rule.values.find(key_); hit != rule.values.end()) {
        text = hit->second;
        mapped = true;
      }
    }
    if (!mapped && rule.type == BROBYG_FIELD_CODE && !text.empty()) {
      if (const std::string* code = findCode(rule.codes, key_)) {
        text = *code;
        mapped = true;
      }
    }
    if (!mapped && !text.empty()) {
      if (rule.wildcard) {
        text = *rule.wildcard;
      } else if (rule.type == BROBYG_FIELD_CODE) {
        return fail(rule, "value not in value map", reason);
      }
    }

    if (text.empty()) {
      if (rule.required) return fail(rule, "required value is empty", reason);
      out = brobyg_str{nullptr, 0};
      continue;
    }
    if (rule.type == BROBYG_FIELD_DATE) {
      char iso[10];
      if (!dateFormat_.parse(text, iso)) {
        reason.assign(rule.label);
        reason += ": date does not match ";
        reason += dateFormat_.pattern();
        return false;
      }
      rule.scratch.assign(iso, sizeof iso);
      text = rule.scratch;
    } else if (rule.type == BROBYG_FIELD_INT) {
      if (rule.leadingNumber && !mapped) {
        std::size_t digits = 0;
        while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
        if (digits == 0) return fail(rule, "does not start with a whole number", reason);
        text = text.substr(0, digits);
      }
      if (!isWholeNumber(text)) return fail(rule, "not a whole number", reason);
    }
    out = brobyg_str{text.data(), text.size()};
  }
  return true;
}

}  // namespace brobyg::csv
