#include "RecordMapping.h"

#include "common/Text.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <stdexcept>

namespace brobyg::rest {

std::optional<std::string> scalarText(const Poco::Dynamic::Var& value) {
  if (value.isEmpty()) return std::string();
  if (value.type() == typeid(Poco::JSON::Object::Ptr) ||
      value.type() == typeid(Poco::JSON::Array::Ptr))
    return std::nullopt;
  if (value.isBoolean()) return value.extract<bool>() ? "true" : "false";
  return value.convert<std::string>();
}

RecordMapping::RecordMapping(const sdk::Settings& settings, const sdk::Dataset& dataset)
    : rules_(settings, dataset, "field", "path"),
      paths_(rules_.size()),
      dates_(rules_.size()),
      texts_(rules_.size()),
      cutTime_(settings.string("date_format", "yyyy-mm-dd").find('T') == std::string::npos) {
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    dates_[i] = dataset.fields()[i].type == BROBYG_FIELD_DATE;
    if (!rules_.fromSource(i)) continue;
    try {
      paths_[i] = JsonPath(rules_.place(i));
    } catch (const std::invalid_argument& e) {
      throw sdk::Error("setting field." + rules_.name(i) + ": " + e.what());
    }
    rules_.setLabel(i, "field " + rules_.name(i) + " (path '" + rules_.place(i) + "')");
  }
}

bool RecordMapping::map(const Poco::Dynamic::Var& record, std::vector<brobyg_str>& values,
                        std::string& reason) {
  if (record.type() != typeid(Poco::JSON::Object::Ptr)) {
    reason = "the record is not a JSON object";
    return false;
  }
  values.resize(rules_.size());
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    if (!rules_.fromSource(i)) {
      values[i] = rules_.fixed(i);
      continue;
    }
    std::optional<std::string> text = scalarText(paths_[i].find(record));
    if (!text) return rules_.fail(i, "an object or array, not a value", reason);
    texts_[i] = std::move(*text);
    std::string_view view = files::trim(texts_[i]);
    // An API's timestamp (2024-03-04T10:00:00Z) where the dataset wants the day.
    if (dates_[i] && cutTime_) view = view.substr(0, view.find('T'));
    if (!rules_.convert(i, view, values[i], reason)) return false;
  }
  return true;
}

}  // namespace brobyg::rest
