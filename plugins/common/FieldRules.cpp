#include "FieldRules.h"

#include "Text.h"

#include <algorithm>
#include <stdexcept>

namespace brobyg::files {
namespace {

bool isWholeNumber(std::string_view text) {
  if (text.empty()) return false;
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
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

DateFormat dateFormatOf(const sdk::Settings& settings) {
  try {
    return DateFormat(settings.string("date_format", "yyyy-mm-dd"));
  } catch (const std::invalid_argument& e) {
    throw sdk::Error(std::string("setting date_format: ") + e.what());
  }
}

}  // namespace

FieldRules::FieldRules(const sdk::Settings& settings, const sdk::Dataset& dataset,
                       const std::string& source, const std::string& noun)
    : dateFormat_(dateFormatOf(settings)) {
  if (dataset.fields().empty()) throw sdk::Error("the host passed no dataset to the source");
  for (const sdk::Field& field : dataset.fields()) {
    Rule rule;
    rule.name = field.name;
    rule.type = field.type;
    rule.required = field.required;
    rule.codes = field.codes;
    rules_.push_back(std::move(rule));
  }
  readSources(settings, dataset, source, noun);
  for (const auto& [field, value] : settings.map("constant")) {
    Rule& rule = ruleFor(dataset, "constant." + field, field);
    if (rule.from == From::Source)
      throw sdk::Error("settings " + source + "." + field + " and constant." + field +
                       ": give the field one of them");
    rule.from = From::Constant;
    rule.constant = value;
    validateConstant(rule);
  }
  for (const auto& [key, value] : settings.map("value")) addValueEntry(key, value);
  readLeadingNumbers(settings, dataset);

  for (const Rule& rule : rules_) {
    if (rule.required && rule.from == From::Nothing)
      throw sdk::Error("setting " + source + "." + rule.name + ": required (dataset field '" +
                       rule.name + "' needs a " + noun + " or a constant." + rule.name + ")");
  }
}

FieldRules::Rule& FieldRules::ruleFor(const sdk::Dataset& dataset, const std::string& setting,
                                      const std::string& field) {
  auto index = dataset.index(field);
  if (!index)
    throw sdk::Error("setting " + setting + ": '" + field + "' is not a field of dataset " +
                     dataset.name());
  return rules_[*index];
}

void FieldRules::readSources(const sdk::Settings& settings, const sdk::Dataset& dataset,
                             const std::string& source, const std::string& noun) {
  for (const auto& [field, place] : settings.map(source)) {
    Rule& rule = ruleFor(dataset, source + "." + field, field);
    if (place.empty()) throw sdk::Error("setting " + source + "." + field + ": names no " + noun);
    rule.from = From::Source;
    rule.place = place;
  }
  // One source place feeds one field: a CPR column mapped to a second field would carry the
  // number past the pseudonymiser.
  for (const Rule& a : rules_)
    for (const Rule& b : rules_)
      if (&a < &b && a.from == From::Source && b.from == From::Source &&
          folded(trim(a.place)) == folded(trim(b.place)))
        throw sdk::Error("settings " + source + "." + a.name + " and " + source + "." + b.name +
                         " name the same source " + noun + "; map each " + noun + " to one field");
}

void FieldRules::readLeadingNumbers(const sdk::Settings& settings, const sdk::Dataset& dataset) {
  const std::string list = settings.string("leading_number");
  for (std::size_t start = 0; start < list.size();) {
    const std::size_t comma = list.find(',', start);
    const std::string field(trim(std::string_view(list).substr(start, comma - start)));
    start = comma == std::string::npos ? list.size() : comma + 1;
    if (field.empty()) continue;
    Rule& rule = ruleFor(dataset, "leading_number", field);
    if (rule.type != BROBYG_FIELD_INT)
      throw sdk::Error("setting leading_number: '" + field + "' is not a whole-number field");
    rule.leadingNumber = true;
  }
}

void FieldRules::addValueEntry(const std::string& key, const std::string& value) {
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
  auto [existing, inserted] = rule.values.emplace(folded(trim(source)), value);
  if (!inserted && existing->second != value)
    throw sdk::Error("setting " + setting + ": conflicts with another value." + field +
                     " entry that differs only in case or spaces");
}

void FieldRules::validateConstant(const Rule& rule) const {
  const std::string setting = "setting constant." + rule.name;
  if (rule.constant.empty()) throw sdk::Error(setting + ": must not be empty");
  if (rule.type == BROBYG_FIELD_CODE && findCode(rule.codes, rule.constant) == nullptr)
    throw sdk::Error(setting + ": must be one of " + joinCodes(rule.codes));
  if (rule.type == BROBYG_FIELD_DATE && !DateFormat::isIsoDate(rule.constant))
    throw sdk::Error(setting + ": must be a date written yyyy-mm-dd");
  if (rule.type == BROBYG_FIELD_INT && !isWholeNumber(rule.constant))
    throw sdk::Error(setting + ": must be a whole number");
}

brobyg_str FieldRules::fixed(size_t field) const {
  const Rule& rule = rules_[field];
  return rule.from == From::Constant ? brobyg_str{rule.constant.data(), rule.constant.size()}
                                     : brobyg_str{nullptr, 0};
}

bool FieldRules::fail(size_t field, const char* problem, std::string& reason) const {
  reason.assign(rules_[field].label);
  reason += ": ";
  reason += problem;
  return false;
}

bool FieldRules::convert(size_t field, std::string_view text, brobyg_str& out,
                         std::string& reason) {
  Rule& rule = rules_[field];
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
      return fail(field, "value not in value map", reason);
    }
  }

  if (text.empty()) {
    if (rule.required) return fail(field, "required value is empty", reason);
    out = brobyg_str{nullptr, 0};
    return true;
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
      if (digits == 0) return fail(field, "does not start with a whole number", reason);
      text = text.substr(0, digits);
    }
    if (!isWholeNumber(text)) return fail(field, "not a whole number", reason);
  }
  out = brobyg_str{text.data(), text.size()};
  return true;
}

}  // namespace brobyg::files
