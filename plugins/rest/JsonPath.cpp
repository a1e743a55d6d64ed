#include "JsonPath.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace brobyg::rest {
namespace {

bool isIndex(const std::string& segment) {
  return std::all_of(segment.begin(), segment.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

JsonPath::JsonPath(const std::string& text) : text_(text) {
  if (text.empty()) return;
  for (std::size_t start = 0;;) {
    const std::size_t dot = text.find('.', start);
    std::string segment = text.substr(start, dot == std::string::npos ? dot : dot - start);
    if (segment.empty()) throw std::invalid_argument("a JSON path has an empty name between dots");
    segments_.push_back(std::move(segment));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
}

Poco::Dynamic::Var JsonPath::find(const Poco::Dynamic::Var& node) const {
  Poco::Dynamic::Var current = node;
  for (const std::string& segment : segments_) {
    if (current.type() == typeid(Poco::JSON::Object::Ptr)) {
      const auto object = current.extract<Poco::JSON::Object::Ptr>();
      if (object.isNull() || !object->has(segment)) return {};
      current = object->get(segment);
    } else if (current.type() == typeid(Poco::JSON::Array::Ptr) && isIndex(segment)) {
      const auto array = current.extract<Poco::JSON::Array::Ptr>();
      std::size_t index = 0;
      const auto parsed = std::from_chars(segment.data(), segment.data() + segment.size(), index);
      if (array.isNull() || parsed.ec != std::errc() || index >= array->size()) return {};
      current = array->get(static_cast<unsigned int>(index));
    } else {
      return {};
    }
  }
  return current;
}

}  // namespace brobyg::rest
