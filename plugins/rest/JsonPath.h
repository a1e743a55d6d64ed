// Paths into parsed JSON as the settings write them: names separated by '.', a segment of
// digits indexes an array ("data.items", "links.next", "child.ids.0"). The empty path is the
// node itself.
#pragma once

#include <Poco/Dynamic/Var.h>

#include <string>
#include <vector>

namespace brobyg::rest {

class JsonPath {
 public:
  JsonPath() = default;
  // Throws std::invalid_argument on an empty segment ("a..b", ".a", "a.").
  explicit JsonPath(const std::string& text);

  const std::string& text() const { return text_; }
  bool empty() const { return segments_.empty(); }

  // The value at this path below `node`; an empty Var when a step is missing, null or of
  // the wrong kind.
  Poco::Dynamic::Var find(const Poco::Dynamic::Var& node) const;

 private:
  std::string text_;
  std::vector<std::string> segments_;
};

}  // namespace brobyg::rest
