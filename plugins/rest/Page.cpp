#include "Page.h"

#include "JsonSyntax.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

namespace brobyg::rest {

Page readPage(const std::string& body, const JsonPath& records,
              const std::optional<JsonPath>& next) {
  if (auto error = checkJsonSyntax(body))
    throw PageError("malformed JSON at line " + std::to_string(error->line) + ", column " +
                    std::to_string(error->column) + ": " + error->problem);
  Poco::Dynamic::Var root;
  try {
    Poco::JSON::Parser parser;
    root = parser.parse(body);
  } catch (const Poco::Exception&) {
    // checkJsonSyntax accepted it: Poco is stricter somewhere (its message may quote data).
    throw PageError("JSON that the parser refuses");
  }
  Page page;
  const Poco::Dynamic::Var found = records.find(root);
  if (found.type() != typeid(Poco::JSON::Array::Ptr) ||
      found.extract<Poco::JSON::Array::Ptr>().isNull())
    throw PageError("no array of records at '" + records.text() + "' (setting records)");
  page.records = found.extract<Poco::JSON::Array::Ptr>();
  if (next) {
    const Poco::Dynamic::Var link = next->find(root);
    if (!link.isEmpty()) {
      if (!link.isString())
        throw PageError("the next link at '" + next->text() +
                        "' is not a string (setting next_path)");
      std::string text = link.toString();
      if (!text.empty()) page.next = std::move(text);
    }
  }
  return page;
}

}  // namespace brobyg::rest
