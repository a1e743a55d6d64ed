// Finds the records of a parsed document and turns each into a row for the host: the
// record XPath, one XPath per field relative to it, and the shared value rules. A record
// with a bad field goes to the quarantine; the others go on.
#pragma once

#include "XmlConfig.h"
#include "XmlDocument.h"

#include <common/FieldRules.h>
#include <common/FilePicker.h>

#include <brobyg_plugin.hpp>

#include <pugixml.hpp>

#include <memory>
#include <string>
#include <vector>

namespace brobyg::xml {

class RecordMapper {
 public:
  // Compiles the record and field XPaths. Throws sdk::Error naming the setting (record,
  // path.<field>, namespace, constant.<field>, value.<entry>, ...).
  RecordMapper(const sdk::Settings& settings, const sdk::Dataset& dataset, const XmlConfig& config);

  // Hands every record of `document` (a file named `label`) to `sink` as a row or a reject,
  // in document order. The origin of each is "<label>:<line of the record's start tag>".
  files::FileDone read(const XmlDocument& document, const std::string& label,
                       const sdk::RowSink& sink);

 private:
  // Fills values_ from one record; false (and `reason`) for a record to reject.
  bool map(const pugi::xpath_node& record, std::string& reason);
  bool text(size_t field, const pugi::xpath_node& record, std::string& reason);

  files::FieldRules rules_;
  pugi::xpath_query record_;
  std::vector<std::unique_ptr<pugi::xpath_query>> paths_;  // per field; null: not from source
  std::vector<bool> perDocument_;   // per field: an absolute path, evaluated once per document
  std::vector<bool> known_;         // per field, in one document: perDocument_ text evaluated
  std::vector<bool> single_;        // ... and it selected at most one node
  pugi::xpath_query stringValue_;   // string(.)
  std::vector<std::string> texts_;  // per field, reused
  std::vector<brobyg_str> values_;
};

}  // namespace brobyg::xml
