#include "RecordMapper.h"

#include "XPath.h"

#include <common/Text.h>

#include <algorithm>
#include <sstream>

namespace brobyg::xml {
namespace {

// XML's white space (a value's text spans line breaks as often as not).
std::string_view trimXml(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

// The record as the plugin read it (names under the configured prefixes), for the quarantine.
std::string rawOf(const pugi::xpath_node& record) {
  if (record.attribute()) return record.attribute().value();
  std::ostringstream out;
  record.node().print(out, "", pugi::format_raw);
  return out.str();
}

// Lines of a document counted once, front to back, as records come in document order.
class LineCounter {
 public:
  explicit LineCounter(const XmlDocument& document) : document_(document), bytes_(document.bytes) {}
  std::uint64_t at(const pugi::xpath_node& record) {
    const pugi::xml_node node = record.attribute() ? record.parent() : record.node();
    const std::ptrdiff_t offset = document_.offsetOf(node);
    if (offset < 0) return line_;
    // pugixml's offsets are into its UTF-8 text: past the file's bytes only for a document
    // it converted (UTF-16), whose line numbers are then approximate.
    const auto target = std::min<std::uint64_t>(static_cast<std::uint64_t>(offset), bytes_.size());
    if (target < offset_) {  // not in document order (a union of paths): count again
      offset_ = 0;
      line_ = 1;
    }
    line_ += lineAt(bytes_.substr(offset_, target - offset_), target - offset_) - 1;
    offset_ = target;
    return line_;
  }

 private:
  const XmlDocument& document_;
  std::string_view bytes_;
  std::uint64_t offset_ = 0;
  std::uint64_t line_ = 1;
};

}  // namespace

RecordMapper::RecordMapper(const sdk::Settings& settings, const sdk::Dataset& dataset,
                           const XmlConfig& config)
    : rules_(settings, dataset, "path", "path"),
      record_(compileXPath(config.record, "record", config.namespaces)),
      paths_(rules_.size()),
      perDocument_(rules_.size()),
      known_(rules_.size()),
      single_(rules_.size()),
      stringValue_("string(.)"),
      texts_(rules_.size()) {
  if (record_.return_type() != pugi::xpath_type_node_set)
    throw sdk::Error("setting record: must select elements (it gives a value, not nodes)");
  for (size_t i = 0; i < rules_.size(); ++i) {
    if (!rules_.fromSource(i)) continue;
    paths_[i] = std::make_unique<pugi::xpath_query>(
        compileXPath(rules_.place(i), "path." + rules_.name(i), config.namespaces));
    perDocument_[i] = isAbsoluteLocationPath(rules_.place(i));
    rules_.setLabel(i, "field '" + rules_.name(i) + "'");
  }
}

// The text of what the field's path selects from the record: "" for nothing, the string
// value of the one node, or the value of an expression. More than one node is refused: a
// silent choice of the first could put one child's value in another's row.
bool RecordMapper::text(size_t field, const pugi::xpath_node& record, std::string& reason) {
  if (!perDocument_[field] || !known_[field]) {
    const pugi::xpath_query& path = *paths_[field];
    std::string& out = texts_[field];
    single_[field] = true;
    if (path.return_type() != pugi::xpath_type_node_set) {
      out = path.evaluate_string(record);
    } else {
      const pugi::xpath_node_set nodes = path.evaluate_node_set(record);
      single_[field] = nodes.size() <= 1;
      out = nodes.empty() ? std::string() : stringValue_.evaluate_string(nodes.first());
    }
    known_[field] = true;
  }
  if (!single_[field]) return rules_.fail(field, "the path selects more than one node", reason);
  return true;
}

bool RecordMapper::map(const pugi::xpath_node& record, std::string& reason) {
  values_.resize(rules_.size());
  for (size_t i = 0; i < rules_.size(); ++i) {
    if (!paths_[i]) {
      values_[i] = rules_.fixed(i);
      continue;
    }
    if (!text(i, record, reason)) return false;
    const std::string_view value = trimXml(texts_[i]);
    // pugixml passes the bytes of a document in an encoding it does not convert as they are.
    if (!files::isValidUtf8(value))
      return rules_.fail(i, "not valid UTF-8 (declare the document's encoding)", reason);
    if (!rules_.convert(i, value, values_[i], reason)) return false;
  }
  return true;
}

files::FileDone RecordMapper::read(const XmlDocument& document, const std::string& label,
                                   const sdk::RowSink& sink) {
  const pugi::xpath_node_set records = record_.evaluate_node_set(document.tree);
  std::fill(known_.begin(), known_.end(), false);  // absolute paths: once per document
  LineCounter lines(document);
  std::uint64_t delivered = 0;
  std::uint64_t quarantined = 0;
  std::string reason;
  std::string origin;
  for (const pugi::xpath_node& record : records) {
    origin = label + ":" + std::to_string(lines.at(record));
    if (!map(record, reason)) {
      sink.reject(origin, reason, rawOf(record));
      ++quarantined;
      continue;
    }
    if (!sink.row(values_.data(), values_.size(), origin.c_str())) return {false, {}, ""};
    ++delivered;
  }
  return {true, std::nullopt,
          std::to_string(records.size()) + " records: " + std::to_string(delivered) +
              " delivered, " + std::to_string(quarantined) + " quarantined"};
}

}  // namespace brobyg::xml
